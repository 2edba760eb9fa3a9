import { afterAll, describe, expect, it } from 'vitest';
import { BASE } from '../support/contact-routes.js';
import { expectProblem } from '../support/expect-problem.js';
import { mockPool, statusesOf, tally, type BehaviourClient, type FakeTime } from '../support/behaviour-client.js';

const PATH = `${BASE}/tenants/0/1`;
const FIVE_MINUTES = 300_000;

const pool = mockPool();
afterAll(() => pool.close());

/** 5 requests per 60 s; a key that sends 3 more while limited is blocked for 5 minutes. */
async function blocking(): Promise<{ mock: BehaviourClient; time: FakeTime }> {
  const { client, time } = await pool.take({
    rateLimit: { requests: 5, windowMs: 60_000 },
    blockAfter: 3,
    blockForMs: FIVE_MINUTES,
    // Retry-After is what these tests time: it is sent only with --retry-after send.
    retryAfter: 'send',
  });
  return { mock: client, time };
}

describe('a key that ignores 429s is blocked', () => {
  it('gets blockAfter 429s, then 403 key-blocked with Retry-After of the block', async () => {
    const { mock } = await blocking();
    expect(tally(await statusesOf(5, () => mock.get(PATH)))).toEqual({ 200: 5 });
    for (let ignored = 0; ignored < 3; ignored++) expectProblem(await mock.get(PATH), 429, 'rate-limited');
    const blocked = await mock.get(PATH);
    const problem = expectProblem(blocked, 403, 'key-blocked');
    expect(blocked.headers['retry-after']).toBe('300');
    expect(problem.detail).toMatch(/300 s/);
  });

  it('stays blocked after the window frees, until exactly blockFor has passed', async () => {
    const { mock, time } = await blocking();
    await statusesOf(9, () => mock.get(PATH)); // 5 allowed, 3 ignored 429s, blocked at t0
    time.advance(60_000); // the window has freed every slot, but the block holds
    const during = await mock.get(PATH);
    expectProblem(during, 403, 'key-blocked');
    expect(during.headers['retry-after']).toBe('240');
    time.advance(FIVE_MINUTES - 60_000 - 1); // one millisecond before the block ends
    const last = await mock.get(PATH);
    expectProblem(last, 403, 'key-blocked');
    expect(last.headers['retry-after']).toBe('1');
    time.advance(1);
    expect(tally(await statusesOf(6, () => mock.get(PATH)))).toEqual({ 200: 5, 429: 1 });
  });

  it('requests during the block do not extend it', async () => {
    const { mock, time } = await blocking();
    await statusesOf(9, () => mock.get(PATH));
    for (let minute = 1; minute < 5; minute++) {
      time.advance(60_000);
      expect(tally(await statusesOf(20, () => mock.get(PATH)))).toEqual({ 403: 20 });
    }
    time.advance(60_000);
    expect((await mock.get(PATH)).status).toBe(200);
  });

  it('blocks only the key that ignored the limit', async () => {
    const { mock } = await blocking();
    await statusesOf(9, () => mock.get(PATH, { apiKey: 'noisy' }));
    expect((await mock.get(PATH, { apiKey: 'noisy' })).status).toBe(403);
    expect(tally(await statusesOf(5, () => mock.get(PATH, { apiKey: 'quiet' })))).toEqual({ 200: 5 });
  });

  it('after the block, ignoring 429s again blocks again', async () => {
    const { mock, time } = await blocking();
    await statusesOf(9, () => mock.get(PATH));
    time.advance(FIVE_MINUTES);
    expect(await statusesOf(10, () => mock.get(PATH))).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 403, 403]);
  });
});

describe('a client that waits is never blocked', () => {
  it('one 429, then waiting Retry-After, for many windows', async () => {
    const { mock, time } = await blocking();
    const seen: number[] = [];
    for (let round = 0; round < 12; round++) {
      let response = await mock.get(PATH);
      while (response.status === 200) {
        seen.push(200);
        time.advance(7_000);
        response = await mock.get(PATH);
      }
      seen.push(response.status);
      expect(response.status).toBe(429);
      time.advance(Number(response.headers['retry-after']) * 1000);
    }
    expect(seen).not.toContain(403);
    expect(tally(seen)[429]).toBe(12);
  });

  it('up to blockAfter 429s in a row are forgiven once a request is let through', async () => {
    const { mock, time } = await blocking();
    for (let round = 0; round < 4; round++) {
      expect(await statusesOf(8, () => mock.get(PATH))).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      time.advance(60_000);
    }
  });
});

describe('blockAfter 0', () => {
  it('blocks on the first request over the limit', async () => {
    const { client: mock, time } = await pool.take({
      rateLimit: { requests: 2, windowMs: 1_000 },
      blockAfter: 0,
      blockForMs: 10_000,
    });
    expect(await statusesOf(3, () => mock.get(PATH))).toEqual([200, 200, 403]);
    time.advance(10_000);
    expect((await mock.get(PATH)).status).toBe(200);
  });
});
