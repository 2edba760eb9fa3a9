import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { controlDocument } from '../support/control-contract.js';
import { expectProblem } from '../support/expect-problem.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

const TOKEN = 's3cret';

/** One call per control operation, and the served contract documents. */
const CALLS: readonly { method: 'get' | 'post' | 'put' | 'delete'; path: string; body?: unknown; ok: number }[] = [
  { method: 'get', path: '/__mock/clock', ok: 200 },
  { method: 'post', path: '/__mock/clock', body: { advance: 'PT1S' }, ok: 200 },
  { method: 'get', path: '/__mock/states', ok: 200 },
  { method: 'post', path: '/__mock/states', body: { state: 'a branch exists' }, ok: 200 },
  { method: 'post', path: '/__mock/reset', ok: 200 },
  { method: 'get', path: '/__mock/requests', ok: 200 },
  { method: 'delete', path: '/__mock/requests', ok: 204 },
  { method: 'put', path: `/__mock/people/${oid('PER', 1)}/consent`, body: { ThirdPartyMarketing: false }, ok: 200 },
  { method: 'delete', path: `/__mock/people/${oid('PER', 1)}/consent`, ok: 204 },
  { method: 'get', path: '/__mock/customfields', ok: 200 },
  { method: 'get', path: '/__mock/openapi.json', ok: 200 },
  { method: 'get', path: '/__mock/openapi.yaml', ok: 200 },
];

describe('with --admin-token', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ adminToken: TOKEN, clockFrozen: true });
  });
  afterAll(() => mock.close());

  it('the table covers every control operation', () => {
    const operations = Object.entries(controlDocument.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'delete'].includes(key))
        .map((method) => `${method} ${path}`),
    );
    const covered = CALLS.map((call) => `${call.method} ${call.path.replace(oid('PER', 1), '{personID}')}`);
    expect(covered).toEqual(expect.arrayContaining(operations));
  });

  describe.each(CALLS)('$method $path', ({ method, path, body, ok }) => {
    it.each([
      ['no Authorization', null, undefined],
      ['a wrong token', 'wrong', undefined],
      ['the token in another scheme', null, { Authorization: `Basic ${TOKEN}` }],
      ['the token without a scheme', null, { Authorization: TOKEN }],
      ['a lower-case scheme', null, { Authorization: `bearer ${TOKEN}x` }],
    ] as const)('is 401 admin-token-required with %s', async (_name, token, headers) => {
      const response = await mock.control(method, path, body, { token, ...(headers ? { headers } : {}) });
      expectProblem(response, 401, 'admin-token-required');
    });

    it(`answers ${ok} with the bearer token`, async () => {
      expect((await mock.control(method, path, body)).status).toBe(ok);
    });
  });

  it('an unknown /__mock path needs the token before it is a 404', async () => {
    expectProblem(
      await mock.control('get', '/__mock/nothing', undefined, { token: null }),
      401,
      'admin-token-required',
    );
    expect((await mock.control('get', '/__mock/nothing')).status).toBe(404);
  });

  it('a refused call changes nothing', async () => {
    await mock.control('post', '/__mock/reset');
    await mock.control('post', '/__mock/clock', { advance: 'P1D' }, { token: null });
    expect((await mock.control<{ day: number }>('get', '/__mock/clock')).body.day).toBe(0);
  });

  it('/v4 routes and service routes do not need it', async () => {
    expect((await mock.get(`${BASE}/tenants/0/1`)).status).toBe(200);
    expect((await mock.get('/healthz', { apiKey: null })).status).toBe(200);
    expect((await mock.get('/openapi.json', { apiKey: null })).status).toBe(200);
  });
});

describe('without --admin-token', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true });
  });
  afterAll(() => mock.close());

  it('the control API is open, and a stray Authorization header is ignored', async () => {
    expect((await mock.control('get', '/__mock/clock')).status).toBe(200);
    expect((await mock.control('get', '/__mock/clock', undefined, { token: 'anything' })).status).toBe(200);
  });

  it('serves its own contract at /__mock/openapi.json, the same document as the YAML file', async () => {
    const served = await mock.control<unknown>('get', '/__mock/openapi.json');
    expect(served.headers['content-type']).toMatch(/^application\/json/);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(controlDocument)));
  });
});
