import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, resolveOptions } from '../../mock-server/options/mock-options.js';
import { BASE } from '../support/contact-routes.js';
import { expectProblem } from '../support/expect-problem.js';
import { startBehaviourMock, statusesOf, tally, type BehaviourClient } from '../support/behaviour-client.js';

const PATH = `${BASE}/tenants/0/1`;

describe('--profile agentos', () => {
  it('switches on 50/60s, the block after 10 for 5 minutes, and 80-300 ms latency', () => {
    const options = resolveOptions({ profile: 'agentos' });
    expect(options.rateLimit).toEqual({ requests: 50, windowMs: 60_000 });
    expect(options.blockAfter).toBe(10);
    expect(options.blockForMs).toBe(300_000);
    expect(options.latency).toEqual({ minMs: 80, maxMs: 300 });
    expect(options.latency).toEqual(PROFILES.agentos.latency);
  });

  it.each([
    { name: 'latency', input: { latency: { minMs: 0, maxMs: 0 } }, expected: { latency: { minMs: 0, maxMs: 0 } } },
    {
      name: 'rateLimit',
      input: { rateLimit: { requests: 5, windowMs: 2_000 } },
      expected: { rateLimit: { requests: 5, windowMs: 2_000 } },
    },
    { name: 'blockAfter', input: { blockAfter: 2 }, expected: { blockAfter: 2 } },
    { name: 'blockForMs', input: { blockForMs: 1_000 }, expected: { blockForMs: 1_000 } },
  ])('an explicit $name beats the profile, and the rest of the profile stays', ({ input, expected }) => {
    const options = resolveOptions({ profile: 'agentos', ...input });
    expect(options).toMatchObject({ ...PROFILES.agentos, ...expected });
  });

  it('an explicit undefined (a flag not given) does not hide the profile', () => {
    const options = resolveOptions({ profile: 'agentos', rateLimit: undefined, latency: undefined });
    expect(options.rateLimit).toEqual({ requests: 50, windowMs: 60_000 });
    expect(options.latency).toEqual({ minMs: 80, maxMs: 300 });
  });

  it('no profile means no limit and no latency', () => {
    const options = resolveOptions({});
    expect(options.profile).toBe('none');
    expect(options.rateLimit).toBeUndefined();
    expect(options.latency).toBeUndefined();
  });

  it('refuses an unknown profile', () => {
    expect(() => resolveOptions({ profile: 'fastest' as never })).toThrow(/profile/);
  });

  describe('over HTTP, latency overridden to 0', () => {
    let mock: BehaviourClient;
    beforeAll(async () => {
      mock = await startBehaviourMock({
        profile: 'agentos',
        latency: { minMs: 0, maxMs: 0 },
        clockFrozen: true,
        retryAfter: 'send',
      });
    });
    afterAll(() => mock.close());

    it('answers the 51st request in a minute with 429, ten 429s in all, then 403', async () => {
      expect(tally(await statusesOf(50, () => mock.get(PATH)))).toEqual({ 200: 50 });
      const refused = await mock.get(PATH);
      expectProblem(refused, 429, 'rate-limited');
      expect(refused.headers['retry-after']).toBe('60');
      expect(tally(await statusesOf(9, () => mock.get(PATH)))).toEqual({ 429: 9 });
      const blocked = await mock.get(PATH);
      expectProblem(blocked, 403, 'key-blocked');
      expect(blocked.headers['retry-after']).toBe('300');
    });
  });

  describe('over HTTP, with its latency', () => {
    let mock: BehaviourClient;
    beforeAll(async () => {
      mock = await startBehaviourMock({ profile: 'agentos', clockFrozen: true });
    });
    afterAll(() => mock.close());

    it('55 requests at once: 50 answered after at least 80 ms, 5 refused', async () => {
      const timed = await Promise.all(
        Array.from({ length: 55 }, async () => {
          const started = performance.now();
          const response = await mock.get(PATH);
          return { status: response.status, ms: performance.now() - started };
        }),
      );
      expect(tally(timed.map(({ status }) => status))).toEqual({ 200: 50, 429: 5 });
      for (const { ms } of timed.filter(({ status }) => status === 200)) expect(ms).toBeGreaterThanOrEqual(75);
    });
  });
});

describe('API keys and tiers', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({
      apiKeys: ['full', 'props:properties', 'both:contacts,properties', 'upper:CONTACTS'],
    });
  });
  afterAll(() => mock.close());

  it.each(['full', 'both', 'upper'])('%s (all tiers, or contacts among them) is let through', async (apiKey) => {
    expect((await mock.get(PATH, { apiKey })).status).toBe(200);
    expect((await mock.get(PATH, { apiKey, apiKeyIn: 'query' })).status).toBe(200);
  });

  it('a key without the contacts tier is 401 tier-not-enabled, saying so', async () => {
    for (const apiKeyIn of ['header', 'query'] as const) {
      const problem = expectProblem(await mock.get(PATH, { apiKey: 'props', apiKeyIn }), 401, 'tier-not-enabled');
      expect(problem.detail).toMatch(/contacts tier is not enabled/);
      expect(problem.detail).toMatch(/properties/);
    }
  });

  it('the tier suffix is not part of the key', async () => {
    expectProblem(await mock.get(PATH, { apiKey: 'both:contacts,properties' }), 401, 'invalid-api-key');
  });

  it.each(['unknown', 'ful', 'FULL'])('%s is 401 invalid-api-key', async (apiKey) => {
    expectProblem(await mock.get(PATH, { apiKey }), 401, 'invalid-api-key');
  });

  it('no key is 401 missing-api-key', async () => {
    expectProblem(await mock.get(PATH, { apiKey: null }), 401, 'missing-api-key');
  });

  it('a malformed key entry is refused at start-up', () => {
    expect(() => resolveOptions({ apiKeys: ['key:'] })).toThrow(/apiKeys/);
    expect(() => resolveOptions({ apiKeys: ['key:a,,b'] })).toThrow(/apiKeys/);
  });
});
