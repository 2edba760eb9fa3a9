import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { expectProblem } from '../support/expect-problem.js';
import { mockPool, statusesOf, tally, type BehaviourClient, type FakeTime } from '../support/behaviour-client.js';

const PATH = `${BASE}/tenants/0/1`;

const pool = mockPool();
afterAll(() => pool.close());

/** A fresh-state mock whose simulated clock moves only with `time.advance` (the injected counter). */
async function limited(
  requests: number,
  windowMs: number,
  blockAfter = 1_000_000,
): Promise<[BehaviourClient, FakeTime]> {
  // Retry-After is what these tests time: it is sent only with --retry-after send.
  const { client, time } = await pool.take({ rateLimit: { requests, windowMs }, blockAfter, retryAfter: 'send' });
  return [client, time];
}

function burst(mock: BehaviourClient, count: number, apiKey?: string): Promise<number[]> {
  return statusesOf(count, () => mock.get(PATH, apiKey === undefined ? {} : { apiKey }));
}

describe('a rolling window of 50 requests per 60 s per key', () => {
  it('lets 50 through and refuses the 51st with a rate-limited problem and Retry-After', async () => {
    const [mock] = await limited(50, 60_000);
    expect(tally(await burst(mock, 50))).toEqual({ 200: 50 });
    const refused = await mock.get(PATH);
    const problem = expectProblem(refused, 429, 'rate-limited');
    expect(problem.detail).toMatch(/50 requests in 60 s/);
    expect(refused.headers['retry-after']).toBe('60');
  });

  it('frees each slot exactly one window after its request, not all at once on the minute', async () => {
    const [mock, time] = await limited(50, 60_000);
    expect(tally(await burst(mock, 10))).toEqual({ 200: 10 }); // t0
    time.advance(30_000);
    expect(tally(await burst(mock, 40))).toEqual({ 200: 40 }); // t0 + 30 s
    expect((await mock.get(PATH)).headers['retry-after']).toBe('30');

    time.advance(29_999); // t0 + 59.999 s: nothing has freed yet
    const early = await mock.get(PATH);
    expectProblem(early, 429, 'rate-limited');
    expect(early.headers['retry-after']).toBe('1');

    time.advance(1); // t0 + 60 s: the ten t0 slots come back, and only those
    expect(tally(await burst(mock, 11))).toEqual({ 200: 10, 429: 1 });
    expect((await mock.get(PATH)).headers['retry-after']).toBe('30');

    time.advance(29_999); // t0 + 89.999 s
    expect((await mock.get(PATH)).status).toBe(429);
    time.advance(1); // t0 + 90 s: the forty t0 + 30 s slots come back
    expect(tally(await burst(mock, 41))).toEqual({ 200: 40, 429: 1 });
  });

  it('answers Retry-After as the whole seconds, rounded up, until the oldest slot frees', async () => {
    const [mock, time] = await limited(50, 60_000);
    await burst(mock, 1); // the oldest slot, at t0
    time.advance(15_000);
    await burst(mock, 49); // t0 + 15 s
    const rows: [number, string][] = [
      [0, '45'], // t0 + 15 s
      [5_000, '40'], // t0 + 20 s
      [500, '40'], // t0 + 20.5 s: 39.5 s left, rounded up
      [38_999, '1'], // t0 + 59.499 s
      [499.5, '1'], // t0 + 59.9985 s
    ];
    for (const [step, expected] of rows) {
      time.advance(step);
      const response = await mock.get(PATH);
      expectProblem(response, 429, 'rate-limited');
      expect(response.headers['retry-after'], `after ${time.now} ms`).toBe(expected);
    }
    time.advance(1.5); // t0 + 60 s: the oldest slot frees; the next oldest is at t0 + 15 s
    expect((await mock.get(PATH)).status).toBe(200);
    expect((await mock.get(PATH)).headers['retry-after']).toBe('15');
  });

  it('a client that waits Retry-After seconds is let through then', async () => {
    const [mock, time] = await limited(50, 60_000);
    for (let step = 0; step < 50; step++) {
      await mock.get(PATH);
      time.advance(997); // spread over the window
    }
    for (let round = 0; round < 5; round++) {
      const refused = await mock.get(PATH);
      expect(refused.status).toBe(429);
      const seconds = Number(refused.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      // Retry-After is rounded up: a second less is too early, the whole of it is enough.
      time.advance((seconds - 1) * 1000);
      expect((await mock.get(PATH)).status, 'a second early').toBe(429);
      time.advance(1000);
      expect((await mock.get(PATH)).status).toBe(200);
    }
  });

  it('counts per key: another key has its own 50', async () => {
    const [mock] = await limited(50, 60_000);
    expect(tally(await burst(mock, 51, 'key-a'))).toEqual({ 200: 50, 429: 1 });
    expect(tally(await burst(mock, 50, 'key-b'))).toEqual({ 200: 50 });
    expect((await mock.get(PATH, { apiKey: 'key-b' })).status).toBe(429);
    // The key sent in the query parameter is the same key.
    expect((await mock.get(PATH, { apiKey: 'key-a', apiKeyIn: 'query' })).status).toBe(429);
  });

  it('requests without a valid key are 401 and take no slot', async () => {
    const { client } = await pool.take({ rateLimit: { requests: 5, windowMs: 60_000 }, apiKeys: ['good-key'] });
    expect(tally(await burst(client, 3, 'good-key'))).toEqual({ 200: 3 });
    for (let attempt = 0; attempt < 10; attempt++) {
      expectProblem(await client.get(PATH, { apiKey: null }), 401, 'missing-api-key');
      expectProblem(await client.get(PATH, { apiKey: 'wrong-key' }), 401, 'invalid-api-key');
    }
    expect(tally(await burst(client, 3, 'good-key'))).toEqual({ 200: 2, 429: 1 });
  });

  it('refuses unknown agencies before counting them', async () => {
    const [mock] = await limited(5, 60_000);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await mock.get('/v4/contacts/nobody/tenants/0/1')).status).toBe(404);
    }
    expect(tally(await burst(mock, 6))).toEqual({ 200: 5, 429: 1 });
  });

  it('every route shares the key’s window', async () => {
    const [mock] = await limited(3, 60_000);
    expect((await mock.get(`${BASE}/company/branches/0/1`)).status).toBe(200);
    expect((await mock.get(`${BASE}/tenants/${oid('TEN', 1)}`)).status).toBe(200);
    const posted = await mock.post(`${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`, {
      Value: 'Evening',
    });
    expect(posted.status).toBe(200);
    expectProblem(await mock.get(`${BASE}/person/${oid('PER', 0)}/personcontacts`), 429, 'rate-limited');
  });
});

describe('5 requests per 2 s, driven over the control API with a frozen clock', () => {
  let client: BehaviourClient;
  beforeEach(async () => {
    ({ client } = await pool.take({
      rateLimit: { requests: 5, windowMs: 2_000 },
      clockFrozen: true,
      retryAfter: 'send',
    }));
  });

  it('refuses the 6th, frees all five exactly 2 s later, and says so in Retry-After', async () => {
    expect(tally(await burst(client, 5))).toEqual({ 200: 5 });
    const refused = await client.get(PATH);
    expectProblem(refused, 429, 'rate-limited');
    expect(refused.headers['retry-after']).toBe('2');

    await client.advance('PT1.999S');
    const early = await client.get(PATH);
    expectProblem(early, 429, 'rate-limited');
    expect(early.headers['retry-after']).toBe('1');

    await client.advance('PT0.001S');
    expect(tally(await burst(client, 6))).toEqual({ 200: 5, 429: 1 });
  });

  it('staggered: slots used at 0 s, 0.5 s and 1.5 s come back at 2 s, 2.5 s and 3.5 s', async () => {
    await burst(client, 2); // 0 s
    await client.advance('PT0.5S');
    await burst(client, 2); // 0.5 s
    await client.advance('PT1S');
    await burst(client, 1); // 1.5 s
    expect((await client.get(PATH)).headers['retry-after']).toBe('1'); // 0.5 s until 2 s
    await client.advance('PT0.5S'); // 2 s
    expect(tally(await burst(client, 3))).toEqual({ 200: 2, 429: 1 });
    await client.advance('PT0.499S'); // 2.499 s
    expect((await client.get(PATH)).status).toBe(429);
    await client.advance('PT0.001S'); // 2.5 s
    expect(tally(await burst(client, 3))).toEqual({ 200: 2, 429: 1 });
    await client.advance('PT1S'); // 3.5 s
    expect(tally(await burst(client, 2))).toEqual({ 200: 1, 429: 1 });
  });
});

describe('without a rate limit (the default)', () => {
  it('never answers 429', async () => {
    const { client } = await pool.take({ clockFrozen: true });
    expect(tally(await burst(client, 120))).toEqual({ 200: 120 });
  });
});
