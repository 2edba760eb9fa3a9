/** The mock as a library: build the app in-process (tests, CI) and listen where you like. */
export { createMockServer, type MockServer } from './create-mock-server.js';
export {
  DEFAULT_OPTIONS,
  OptionsError,
  resolveOptions,
  type MockOptions,
  type MockOptionsInput,
  type WithheldMode,
} from './options/mock-options.js';
export { PROBLEM_KINDS, PROBLEM_TYPE_PREFIX, type ProblemBody, type ProblemKind } from './pipeline/problems.js';
