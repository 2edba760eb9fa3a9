import { expect } from 'vitest';
import type { ApiResponse } from './mock-client.js';
import type { Problem } from './contract-types.js';

const PREFIX = 'urn:agentos-contacts-kit:problem:';

/** Asserts a problem response of a given status and kind (the stable `type` URI). */
export function expectProblem(response: ApiResponse<unknown>, status: number, kind: string): Problem {
  const problem = response.body as Problem;
  expect(response.status, response.text).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(problem.type).toBe(`${PREFIX}${kind}`);
  expect(problem.status).toBe(status);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

/** The `errors` of a 400 as "in:name" pairs, sorted, for exact comparison. */
export function namedInputs(problem: Problem): string[] {
  return [...new Set((problem.errors ?? []).map((error) => `${error.in}:${error.name}`))].sort();
}
