import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/expect-problem.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

const TOKEN = 'hardening-token';

// Finding 9: a plain-object lookup found Object.prototype's members and answered 500.
describe('POST /__mock/states with a name Object.prototype has', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock();
  });
  afterAll(() => mock.close());

  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])(
    '%s is a 400 unknown-state',
    async (state) => {
      expectProblem(await mock.control('post', '/__mock/states', { state }), 400, 'unknown-state');
    },
  );
});

// Finding 16: the token compare is constant-time, and the scheme is case-insensitive (RFC 9110 11.1).
describe('the admin token', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ adminToken: TOKEN });
  });
  afterAll(() => mock.close());

  it.each([`bearer ${TOKEN}`, `BEARER ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer  ${TOKEN}`])(
    '"%s" is accepted',
    async (value) => {
      const response = await mock.control('get', '/__mock/clock', undefined, {
        token: null,
        headers: { Authorization: value },
      });
      expect(response.status, response.text).toBe(200);
    },
  );

  it.each([`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, 'Bearer', ''])(
    '"%s" is refused',
    async (value) => {
      const response = await mock.control('get', '/__mock/clock', undefined, {
        token: null,
        headers: { Authorization: value },
      });
      expectProblem(response, 401, 'admin-token-required');
    },
  );
});
