import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlan, parseLatency } from '../../mock-server/behaviours/faults.js';
import { resolveOptions } from '../../mock-server/options/mock-options.js';
import { BASE } from '../support/contact-routes.js';
import { expectProblem } from '../support/expect-problem.js';
import { startBehaviourMock, statusesOf, tally, type BehaviourClient } from '../support/behaviour-client.js';

const PATH = `${BASE}/tenants/0/1`;

const started: BehaviourClient[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((client) => client.close()));
});

async function mockWith(input: Parameters<typeof startBehaviourMock>[0]): Promise<BehaviourClient> {
  const client = await startBehaviourMock({ clockFrozen: true, ...input });
  started.push(client);
  return client;
}

function twoHundredStatuses(client: BehaviourClient): Promise<number[]> {
  return statusesOf(200, () => client.get(PATH));
}

describe('--error-rate', () => {
  it('fails the same requests on two fresh servers with the same seed, about the rate set', async () => {
    const [first, second] = await Promise.all([
      mockWith({ seed: 7, errorRate: 0.3 }),
      mockWith({ seed: 7, errorRate: 0.3 }),
    ]);
    const statuses = await twoHundredStatuses(first);
    expect(await twoHundredStatuses(second)).toEqual(statuses);
    const counts = tally(statuses);
    expect(Object.keys(counts).sort()).toEqual(['200', '503']);
    expect(counts[503]).toBeGreaterThanOrEqual(40); // 0.3 * 200 = 60, sd ~6.5
    expect(counts[503]).toBeLessThanOrEqual(80);
  });

  it('answers its 503s with the service-unavailable problem', async () => {
    const client = await mockWith({ seed: 7, errorRate: 1 });
    const problem = expectProblem(await client.get(PATH), 503, 'service-unavailable');
    expect(problem.detail).toMatch(/error-rate/);
  });

  it('another seed fails other requests', async () => {
    const [seven, eight] = await Promise.all([
      mockWith({ seed: 7, errorRate: 0.3 }),
      mockWith({ seed: 8, errorRate: 0.3 }),
    ]);
    const sixty = (client: BehaviourClient) => statusesOf(60, () => client.get(PATH));
    expect(await sixty(eight)).not.toEqual(await sixty(seven));
  });

  it('starts its sequence again after a reset', async () => {
    const client = await mockWith({ seed: 3, errorRate: 0.5 });
    const first = await statusesOf(40, () => client.get(PATH));
    expect((await client.control('post', '/__mock/reset')).status).toBe(200);
    expect(await statusesOf(40, () => client.get(PATH))).toEqual(first);
  });

  it('rate 0 never fails; rate 1 always does', async () => {
    const [never, always] = await Promise.all([mockWith({ errorRate: 0 }), mockWith({ errorRate: 1 })]);
    expect(tally(await statusesOf(50, () => never.get(PATH)))).toEqual({ 200: 50 });
    expect(tally(await statusesOf(50, () => always.get(PATH)))).toEqual({ 503: 50 });
  });

  it('a rate-limited request is refused before a fault is drawn', async () => {
    const client = await mockWith({ errorRate: 1, rateLimit: { requests: 2, windowMs: 60_000 } });
    expect(await statusesOf(4, () => client.get(PATH))).toEqual([503, 503, 429, 429]);
  });

  it.each([-0.1, 1.01, Number.NaN])('refuses errorRate %s', (errorRate) => {
    expect(() => resolveOptions({ errorRate })).toThrow(/errorRate/);
  });

  it('FaultPlan: the 503 share over 10,000 draws is within 2 points of the rate', () => {
    for (const rate of [0.02, 0.3, 0.75]) {
      const plan = new FaultPlan(11, undefined, rate);
      let failed = 0;
      for (let request = 0; request < 10_000; request++) if (plan.next().fail) failed++;
      expect(Math.abs(failed / 10_000 - rate), `rate ${rate}`).toBeLessThanOrEqual(0.02);
    }
  });
});

describe('--latency', () => {
  it('0-0 is accepted and adds nothing', async () => {
    const client = await mockWith({ latency: { minMs: 0, maxMs: 0 } });
    expect((await client.get(PATH)).status).toBe(200);
  });

  it('a range delays every request by at least its minimum', async () => {
    const client = await mockWith({ latency: { minMs: 30, maxMs: 60 } });
    for (let request = 0; request < 3; request++) {
      const start = performance.now();
      expect((await client.get(PATH)).status).toBe(200);
      expect(performance.now() - start).toBeGreaterThanOrEqual(25);
    }
  });

  it('does not slow the control API', async () => {
    const client = await mockWith({ latency: { minMs: 5_000, maxMs: 5_000 } });
    expect((await client.control('get', '/__mock/clock')).status).toBe(200);
  });

  it('FaultPlan draws delays inside the range, repeatably, and reaches both ends', () => {
    const draw = () => {
      const plan = new FaultPlan(5, { minMs: 100, maxMs: 110 }, 0);
      return Array.from({ length: 2_000 }, () => plan.next().delayMs);
    };
    const delays = draw();
    expect(draw()).toEqual(delays);
    expect(Math.min(...delays)).toBe(100);
    expect(Math.max(...delays)).toBe(110);
    expect(delays.every((delay) => Number.isInteger(delay))).toBe(true);
  });

  it.each([
    { latency: { minMs: 50, maxMs: 10 } },
    { latency: { minMs: -1, maxMs: 10 } },
    { latency: { minMs: 0, maxMs: 60_001 } },
  ])('refuses $latency', (input) => {
    expect(() => resolveOptions(input)).toThrow(/latency/);
  });
});

describe('parseLatency (unit)', () => {
  it.each([
    ['150ms', { minMs: 150, maxMs: 150 }],
    [' 150ms ', { minMs: 150, maxMs: 150 }],
    ['0ms', { minMs: 0, maxMs: 0 }],
    ['0-0ms', { minMs: 0, maxMs: 0 }],
    ['100-400ms', { minMs: 100, maxMs: 400 }],
    ['100-100ms', { minMs: 100, maxMs: 100 }],
    ['1-2s', { minMs: 1_000, maxMs: 2_000 }],
    ['0.5-1.5s', { minMs: 500, maxMs: 1_500 }],
    ['1.5s', { minMs: 1_500, maxMs: 1_500 }],
    ['2s', { minMs: 2_000, maxMs: 2_000 }],
  ])('%j -> %j', (text, expected) => {
    expect(parseLatency(text)).toEqual(expected);
  });

  it.each(['', 'fast', '150', '-5ms', '400-100ms', '100-400', '100ms-400ms', '100 - 400ms', '1e3ms', 'ms', '-ms'])(
    '%j is not a latency',
    (text) => {
      expect(parseLatency(text)).toBeUndefined();
    },
  );
});
