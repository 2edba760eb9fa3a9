import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../mock-server/state/memory-store.js';
import { BASE, oid } from '../support/contact-routes.js';
import type { Contact, CustomFieldValue } from '../support/contract-types.js';
import { expectProblem } from '../support/expect-problem.js';
import { startBehaviourMock, type BehaviourClient, type ClockView } from '../support/behaviour-client.js';
import { DEFAULT_CLOCK_START } from '../../mock-server/behaviours/simulated-clock.js';

const KEY = 'journal-key-1';
const OTHER = 'other-key-2';

describe('the request journal', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    // A caller holding the admin token is shown a key's first four characters.
    mock = await startBehaviourMock({ clockFrozen: true, apiKeys: [KEY, OTHER], adminToken: 'journal-admin' });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.mock.reset());

  it('records method, path, query without the key, status, masked key, warnings and simulated time', async () => {
    await mock.get(`${BASE}/applicants/lettings/0/5?integrator=crm&branchID=${oid('BRA', 1)}`, { apiKeyIn: 'query' });
    const [entry, ...rest] = await mock.journal();
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      time: DEFAULT_CLOCK_START,
      durationMs: 0,
      method: 'GET',
      path: `${BASE}/applicants/lettings/0/5`,
      query: { integrator: 'crm', branchID: `${oid('BRA', 1)}` },
      status: 200,
      key: `jour${'*'.repeat(9)}`,
      warnings: [expect.stringContaining('integrator')],
    });
  });

  it('keys are masked to their first four characters; a missing key is null', async () => {
    await mock.get(`${BASE}/tenants/0/1`, { apiKey: OTHER });
    await mock.get(`${BASE}/tenants/0/1`, { apiKey: null });
    await mock.get(`${BASE}/tenants/0/1`, { apiKey: 'abc' });
    const keys = (await mock.journal()).map((entry) => entry.key);
    expect(keys).toEqual([`othe${'*'.repeat(7)}`, null, '***']);
    expect(JSON.stringify(await mock.journal())).not.toContain(OTHER);
  });

  it('records refusals and POSTs, with their status', async () => {
    await mock.get(`${BASE}/tenants/0/5000`); // 400
    await mock.get(`${BASE}/tenants/${oid('TEN', 999_999_999)}`); // 404
    await mock.post(`${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`, { Value: 'Evening' });
    await mock.get('/v4/contacts/demo/nowhere');
    expect((await mock.journal()).map((entry) => [entry.method, entry.status])).toEqual([
      ['GET', 400],
      ['GET', 404],
      ['POST', 200],
      ['GET', 404],
    ]);
  });

  it('does not record the control API or service routes', async () => {
    await mock.control('get', '/__mock/clock');
    await mock.get('/healthz');
    expect(await mock.journal()).toEqual([]);
  });

  it('times entries by the simulated clock', async () => {
    await mock.get(`${BASE}/tenants/0/1`);
    const moved = await mock.advance('P1DT2H');
    await mock.get(`${BASE}/tenants/0/2`);
    expect((await mock.journal()).map((entry) => entry.time)).toEqual([DEFAULT_CLOCK_START, moved.now]);
  });

  describe('filters', () => {
    let later: string;
    beforeEach(async () => {
      await mock.get(`${BASE}/tenants/0/1`); // t0, KEY, 200
      await mock.get(`${BASE}/landlords/0/1`, { apiKey: OTHER }); // t0, OTHER, 200
      later = (await mock.advance('PT1H')).now;
      await mock.post(`${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`, { Value: 'Evening' }); // POST
      await mock.get(`${BASE}/tenants/0/1`, { apiKey: 'nope' }); // 401
      await mock.get(`${BASE}/vendors/0/1`, { apiKey: OTHER }); // 200
    });

    it.each([
      ['method=POST', ['POST /company']],
      ['method=post', ['POST /company']],
      ['path=tenants', ['GET /tenants', 'GET /tenants']],
      ['status=401', ['GET /tenants']],
      [`key=${OTHER}`, ['GET /landlords', 'GET /vendors']],
      [`key=${OTHER.slice(0, 4)}`, []],
      ['limit=2', ['GET /tenants', 'GET /vendors']],
      ['method=GET&status=200&limit=1', ['GET /vendors']],
      ['path=nowhere', []],
    ])('%s', async (query, expected) => {
      const entries = await mock.journal(query);
      expect(entries.map((entry) => `${entry.method} /${entry.path.split('/')[4] ?? ''}`)).toEqual(expected);
    });

    it('since keeps entries at or after an instant of the simulated clock', async () => {
      const entries = await mock.journal(`since=${encodeURIComponent(later)}`);
      expect(entries.map((entry) => entry.status)).toEqual([200, 401, 200]);
      expect(entries.every((entry) => entry.time >= later)).toBe(true);
    });

    it.each(['status=abc', 'limit=0', 'limit=-1', 'since=yesterday'])('%s is a 400', async (query) => {
      expectProblem(await mock.control('get', `/__mock/requests?${query}`), 400, 'invalid-request');
    });
  });

  it('DELETE empties it', async () => {
    await mock.get(`${BASE}/tenants/0/1`);
    const cleared = await mock.control('delete', '/__mock/requests');
    expect(cleared.status).toBe(204);
    expect(cleared.text).toBe('');
    expect(await mock.journal()).toEqual([]);
    await mock.get(`${BASE}/tenants/0/2`);
    expect((await mock.journal()).map((entry) => entry.path)).toEqual([`${BASE}/tenants/0/2`]);
  });
});

describe('a bounded journal (journalSize 5)', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true, journalSize: 5 });
  });
  afterAll(() => mock.close());

  it('keeps only the newest 5 after 20 requests, oldest first', async () => {
    for (let offset = 0; offset < 20; offset++) await mock.get(`${BASE}/tenants/${offset}/1`);
    const entries = await mock.journal();
    expect(entries.map((entry) => entry.path)).toEqual(
      [15, 16, 17, 18, 19].map((offset) => `${BASE}/tenants/${offset}/1`),
    );
    expect((await mock.journal('limit=2')).map((entry) => entry.path)).toEqual([
      `${BASE}/tenants/18/1`,
      `${BASE}/tenants/19/1`,
    ]);
    expect((mock.mock.state.store as MemoryStore).journalSize).toBe(5);
  });

  it('journalSize 0 keeps nothing', async () => {
    const none = await startBehaviourMock({ clockFrozen: true, journalSize: 0 });
    try {
      await none.get(`${BASE}/tenants/0/1`);
      expect(await none.journal()).toEqual([]);
    } finally {
      await none.close();
    }
  });
});

describe('POST /__mock/reset', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true, rateLimit: { requests: 3, windowMs: 60_000 } });
  });
  afterAll(() => mock.close());

  it('empties the journal and forgets overrides, custom field values, rate-limit state and clock moves', async () => {
    const tenant = `${BASE}/tenants/${oid('TEN', 1)}`;
    const value = `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/value`;
    await mock.advance('P2D');
    const seededRecord = (await mock.get<Contact>(tenant)).text;
    const seededValue = (await mock.get<CustomFieldValue>(value)).text;
    const { PersonID } = JSON.parse(seededRecord) as Contact;

    const seededConsent = (JSON.parse(seededRecord) as Contact).ThirdPartyMarketingConsent;
    await mock.control('put', `/__mock/people/${PersonID}/consent`, { ThirdPartyMarketing: !seededConsent });
    await mock.post(`${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`, { Value: 'Morning' });
    expect((await mock.get(tenant)).status).toBe(429); // the fourth request in the window
    expect((await mock.journal()).length).toBe(4);

    const reset = await mock.control('post', '/__mock/reset');
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ status: 'reset' });

    expect(await mock.journal()).toEqual([]);
    expect((await mock.control<ClockView>('get', '/__mock/clock')).body).toMatchObject({
      now: DEFAULT_CLOCK_START,
      day: 0,
    });
    expect((await mock.get(tenant)).text).toBe(seededRecord); // let through, seeded consent
    expect((await mock.get(value)).text).toBe(seededValue);
  });
});
