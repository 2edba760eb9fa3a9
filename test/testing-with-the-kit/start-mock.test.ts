import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasMarketingConsent } from '../../src/consent.js';
import { ControlApiError, createControlClient, startMock, type RunningMock } from '../../tools/testing/index.js';

describe('startMock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ seed: 42, counts: { tenants: 50 }, branches: 2 });
  });
  afterAll(() => mock.stop());
  beforeEach(() => mock.control.reset());

  it('serves on 127.0.0.1 and a free port, with a bound client', async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await mock.client.tenants.list({ offset: 0, count: 5 });
    expect(page.Count).toBe(50);
    expect(page.Data).toHaveLength(5);
    const [entry] = await mock.control.requests();
    expect(entry).toMatchObject({ method: 'GET', path: `/v4/contacts/${mock.shortName}/tenants/0/5`, status: 200 });
    expect(entry?.query).toEqual({ integrator: 'test-integrator' });
  });

  it('givenState answers the IDs it set up; setConsent and clearConsent change what is served', async () => {
    const ids = await mock.control.givenState('a tenant exists', { consent: true });
    const tenantId = ids.tenantID as string;
    const personId = ids.personID as string;
    expect(hasMarketingConsent(await mock.client.tenants.get(tenantId))).toBe(true);
    const withdrawn = await mock.control.setConsent(personId, false);
    expect(withdrawn.ThirdPartyMarketing).toBe(false);
    expect(hasMarketingConsent(await mock.client.tenants.get(tenantId))).toBe(false);
    await mock.control.clearConsent(personId);
    expect(hasMarketingConsent(await mock.client.tenants.get(tenantId))).toBe(true);
  });

  it('lists the provider states and refuses an unknown one with its status', async () => {
    const states = await mock.control.states();
    expect(states.map((state) => state.state)).toContain('a tenant exists');
    const failure = await mock.control.givenState('no such state').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ControlApiError);
    expect((failure as ControlApiError).status).toBe(400);
  });

  it('advanceClock moves the simulated clock by an ISO duration or milliseconds', async () => {
    const before = Date.parse((await mock.control.clock()).now);
    const day = await mock.control.advanceClock('P1D');
    expect(day.day).toBe(1);
    const later = await mock.control.advanceClock(90_000);
    expect(Date.parse(later.now) - before).toBeGreaterThanOrEqual(86_400_000 + 90_000);
  });

  it('requests filters by method, exact path, RegExp, query and status; clearRequests empties it', async () => {
    await mock.client.tenants.list({ offset: 0, count: 10 });
    await mock.client.tenants.list({ offset: 10, count: 10 });
    await mock.client.lettingsApplicants.list({ offset: 0, count: 1 });
    const base = `/v4/contacts/${mock.shortName}`;
    expect(await mock.control.requests({ path: `${base}/tenants/0/10` })).toHaveLength(1);
    expect(await mock.control.requests({ path: /\/tenants\/\d+\/10$/ })).toHaveLength(2);
    expect(await mock.control.requests({ query: { integration: 'test-integrator' } })).toHaveLength(1);
    expect(await mock.control.requests({ method: 'GET', status: 200, limit: 2 })).toHaveLength(2);
    await mock.control.clearRequests();
    expect(await mock.control.requests()).toEqual([]);
  });
});

describe('many mocks side by side', () => {
  it('each has its own data, journal and clock', async () => {
    const mocks = await Promise.all([1, 2, 3].map((seed) => startMock({ seed, counts: { tenants: 20 } })));
    try {
      expect(new Set(mocks.map((mock) => mock.url)).size).toBe(3);
      const firsts = await Promise.all(mocks.map((mock) => mock.client.tenants.list({ count: 1 })));
      expect(new Set(firsts.map((page) => JSON.stringify(page.Data))).size).toBe(3);
      await mocks[0]?.client.tenants.list({ count: 2 });
      const sizes = await Promise.all(mocks.map(async (mock) => (await mock.control.requests()).length));
      expect(sizes).toEqual([2, 1, 1]);
      await mocks[1]?.control.advanceClock('P2D');
      const days = await Promise.all(mocks.map(async (mock) => (await mock.control.clock()).day));
      expect(days).toEqual([0, 2, 0]);
    } finally {
      await Promise.all(mocks.map((mock) => mock.stop()));
    }
  });

  it('stop() closes the port and can be called twice', async () => {
    const mock = await startMock();
    await mock.stop();
    await mock.stop();
    await expect(fetch(`${mock.url}/healthz`)).rejects.toThrow();
  });
});

describe('createControlClient with an admin token', () => {
  it('sends the token; without it the control API answers 401', async () => {
    const mock = await startMock({ adminToken: 'sesame' });
    try {
      await mock.client.tenants.list({ count: 1 });
      expect(await mock.control.requests()).toHaveLength(1);
      const stranger = createControlClient(mock.url);
      const failure = await stranger.requests().catch((error: unknown) => error);
      expect((failure as ControlApiError).status).toBe(401);
      const friend = createControlClient(`${mock.url}/`, { adminToken: 'sesame' });
      await friend.verify({ method: 'GET', path: /\/tenants\/0\/1$/, times: 1 });
    } finally {
      await mock.stop();
    }
  });
});
