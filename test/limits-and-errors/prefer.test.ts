import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PREFERRED_DELAY_MS, parsePrefer, PREFERABLE_CODES } from '../../mock-server/behaviours/prefer-header.js';
import { BASE, oid } from '../support/contact-routes.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';
import type { ApiResponse } from '../support/mock-client.js';

const LIST = `${BASE}/tenants/0/5`;
const RECORD = `${BASE}/tenants/${oid('TEN', 1)}`;
const POST = `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`;

let mock: BehaviourClient;
beforeAll(async () => {
  mock = await startBehaviourMock({ clockFrozen: true, retryAfter: 'send' });
});
afterAll(() => mock.close());
beforeEach(() => mock.mock.reset());

function call(route: 'list' | 'record' | 'post', prefer: string): Promise<ApiResponse> {
  const headers = { Prefer: prefer };
  if (route === 'post') return mock.post(POST, { Value: 'Evening' }, { headers });
  return mock.get(route === 'list' ? LIST : RECORD, { headers });
}

describe('Prefer: code=N answers that status with the catalogue problem', () => {
  const rows = [
    { code: 401, kind: 'invalid-api-key', retryAfter: false },
    { code: 403, kind: 'key-blocked', retryAfter: true },
    { code: 404, kind: 'not-found', retryAfter: false },
    { code: 429, kind: 'rate-limited', retryAfter: true },
    { code: 500, kind: 'internal-error', retryAfter: false },
    { code: 503, kind: 'service-unavailable', retryAfter: false },
  ];

  it('the table covers every preferable code', () => {
    expect(rows.map((row) => row.code)).toEqual([...PREFERABLE_CODES]);
  });

  describe.each(['list', 'record', 'post'] as const)('on a %s route', (route) => {
    it.each(rows)('code=$code -> $code $kind', async ({ code, kind, retryAfter }) => {
      const response = await call(route, `code=${code}`);
      const problem = expectProblem(response, code, kind);
      expect(problem.detail).toContain(`Prefer: code=${code}`);
      if (retryAfter) expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    });
  });

  it('tolerates spaces around the name and value: " code = 503 "', async () => {
    expectProblem(await call('list', ' code = 503 '), 503, 'service-unavailable');
  });

  it('does not change what the next request gets', async () => {
    expectProblem(await call('list', 'code=500'), 500, 'internal-error');
    expect((await mock.get(LIST)).status).toBe(200);
  });

  it('does not store a POST it refused', async () => {
    const path = `${BASE}/company/objects/${oid('TEN', 2)}/${oid('CF', 0)}`;
    const before = (await mock.get(`${path}/value`)).text;
    expectProblem(
      await mock.post(`${path}/customfield`, { Value: 'Evening' }, { headers: { Prefer: 'code=503' } }),
      503,
      'service-unavailable',
    );
    expect((await mock.get(`${path}/value`)).text).toBe(before);
  });

  it('still needs a valid key first', async () => {
    expectProblem(await mock.get(LIST, { apiKey: null, headers: { Prefer: 'code=503' } }), 401, 'missing-api-key');
  });

  it('is journalled with the status it answered', async () => {
    await call('list', 'code=429');
    const [entry] = await mock.journal('limit=1');
    expect(entry).toMatchObject({ path: LIST, status: 429 });
  });
});

describe('Prefer: delay=N', () => {
  it('delays the answer by at least N ms and still answers 200', async () => {
    const started = performance.now();
    const response = await call('list', 'delay=50');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(response.status).toBe(200);
    const [entry] = await mock.journal('limit=1');
    expect(entry).toMatchObject({ path: LIST, status: 200 });
  });

  it('combines with a code: code=503, delay=30', async () => {
    const started = performance.now();
    expectProblem(await call('record', 'code=503, delay=30'), 503, 'service-unavailable');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('delay=0 is accepted', async () => {
    expect((await call('record', 'delay=0')).status).toBe(200);
  });
});

describe('an unknown scenario is a 400 naming Prefer and listing the known ones', () => {
  it.each([
    'code=418',
    'code=200',
    'code=abc',
    'code=',
    'code=5O3',
    'foo=1',
    'respond-async',
    'return=minimal',
    'delay=-1',
    'delay=1.5',
    'delay=fast',
    `delay=${MAX_PREFERRED_DELAY_MS + 1}`,
    'code=503, foo=1',
  ])('Prefer: %s', async (prefer) => {
    const response = await call('list', prefer);
    const problem = expectProblem(response, 400, 'invalid-request');
    expect(namedInputs(problem)).toEqual(['header:Prefer']);
    const reason = problem.errors?.[0]?.reason ?? '';
    for (const code of PREFERABLE_CODES) expect(reason).toContain(String(code));
    expect(reason).toMatch(/delay=/);
  });

  it('on a POST too, before its body is read', async () => {
    const response = await mock.post(POST, { Value: 'Evening' }, { headers: { Prefer: 'code=418' } });
    expect(namedInputs(expectProblem(response, 400, 'invalid-request'))).toEqual(['header:Prefer']);
  });
});

describe('parsePrefer (unit)', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['   ', {}],
    ['code=503', { code: 503 }],
    ['delay=2000', { delayMs: 2000 }],
    ['code=429; delay=10', { code: 429, delayMs: 10 }],
    [`delay=${MAX_PREFERRED_DELAY_MS}`, { delayMs: MAX_PREFERRED_DELAY_MS }],
    ['code=401,', { code: 401 }],
  ])('%j -> %j', (header, expected) => {
    expect(parsePrefer(header)).toEqual(expected);
  });
});

describe('Prefer Retry-After matches what a real refusal would say (rate limit 50/60s, block 5m)', () => {
  let limited: BehaviourClient;
  beforeAll(async () => {
    limited = await startBehaviourMock({
      clockFrozen: true,
      rateLimit: { requests: 50, windowMs: 60_000 },
      blockForMs: 300_000,
      retryAfter: 'send',
    });
  });
  afterAll(() => limited.close());

  it('code=429: at most the window', async () => {
    const response = await limited.get(LIST, { headers: { Prefer: 'code=429' } });
    expectProblem(response, 429, 'rate-limited');
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('code=403: the length of a block', async () => {
    const response = await limited.get(LIST, { headers: { Prefer: 'code=403' } });
    expectProblem(response, 403, 'key-blocked');
    expect(response.headers['retry-after']).toBe('300');
  });
});
