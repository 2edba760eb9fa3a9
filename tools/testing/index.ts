/**
 * `agentos-contacts-kit/testing`: the mock in a partner's own tests (vitest, jest, mocha or
 * `node --test`), with a typed control client and journal verification.
 */
export { startMock, type RunningMock, type StartMockOptions } from './start-mock.js';
export {
  ControlApiError,
  createControlClient,
  type Clock,
  type ControlClient,
  type ControlClientOptions,
  type JournalEntry,
  type JournalMatcher,
  type JournalQuery,
  type PersonConsent,
  type ProviderStateDescription,
  type ProviderStateIds,
} from './control-client.js';
export { VerificationError, verifyJournal, type Verification } from './verify.js';
export { matchesRequest, type RequestMatcher } from './journal-match.js';
export type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
