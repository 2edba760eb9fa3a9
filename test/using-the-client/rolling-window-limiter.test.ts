import { describe, expect, it } from 'vitest';
import { RollingWindowLimiter } from '../../src/index.js';

/** A clock that moves only when the limiter sleeps: no test here waits in real time. */
function fakeClock() {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.time += Math.max(0, ms);
    },
  };
  return clock;
}

function limiter(requests: number, windowMs: number, clock = fakeClock(), marginMs = 0) {
  return { clock, limiter: new RollingWindowLimiter({ requests, windowMs, marginMs, ...clock }) };
}

/** Takes a slot and releases it `latencyMs` later; answers when it was granted. */
async function send(subject: RollingWindowLimiter, clock: ReturnType<typeof fakeClock>, latencyMs = 0) {
  const slot = await subject.acquire();
  const grantedAt = clock.time;
  clock.time += latencyMs;
  slot.release();
  return grantedAt;
}

describe('RollingWindowLimiter', () => {
  it.each([
    {
      requests: 5,
      windowMs: 1000,
      sends: 12,
      latencyMs: 0,
      expected: [0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000],
    },
    { requests: 3, windowMs: 1000, sends: 7, latencyMs: 100, expected: [0, 100, 200, 1100, 1200, 1300, 2200] },
    { requests: 1, windowMs: 60_000, sends: 3, latencyMs: 10, expected: [0, 60_010, 120_020] },
  ])('grants $requests per $windowMs ms, counting each slot from its response', async (row) => {
    const { clock, limiter: subject } = limiter(row.requests, row.windowMs);
    const granted: number[] = [];
    for (let index = 0; index < row.sends; index++) granted.push(await send(subject, clock, row.latencyMs));
    expect(granted).toEqual(row.expected);
  });

  it('never has more than `requests` slots in any window, whatever the latency pattern', async () => {
    const { clock, limiter: subject } = limiter(4, 1000);
    const windows: Array<[number, number]> = [];
    for (let index = 0; index < 40; index++) {
      const slot = await subject.acquire();
      const sent = clock.time;
      clock.time += (index * 37) % 250;
      slot.release();
      windows.push([sent, clock.time]);
    }
    // The server sees each request somewhere in [sent, released]; even at the worst instant it
    // counts at most 4 within any window.
    for (const [, released] of windows) {
      const inWindow = windows.filter(([sent]) => sent > released - 1000 && sent <= released).length;
      expect(inWindow).toBeLessThanOrEqual(4);
    }
  });

  it('holds the margin on top of the window', async () => {
    const { clock, limiter: subject } = limiter(1, 1000, fakeClock(), 5);
    await send(subject, clock);
    expect(await send(subject, clock)).toBe(1005);
  });

  it('waits for a release when every slot is still in flight', async () => {
    const { clock, limiter: subject } = limiter(2, 1000);
    const first = await subject.acquire();
    const second = await subject.acquire();
    let granted: number | undefined;
    const third = subject.acquire().then((slot) => {
      granted = clock.time;
      return slot;
    });
    await Promise.resolve();
    expect(granted).toBeUndefined();
    clock.time = 300;
    first.release();
    clock.time = 400;
    second.release();
    (await third).release();
    expect(granted).toBe(1300);
  });

  it('sends nothing while paused, then resumes with the window it has', async () => {
    const { clock, limiter: subject } = limiter(10, 1000);
    await send(subject, clock);
    subject.pause(60_000);
    expect(subject.status().pausedForMs).toBe(60_000);
    expect(await send(subject, clock)).toBe(60_000);
    expect(subject.status()).toMatchObject({ inUse: 1, capacity: 10, pausedForMs: 0 });
  });

  it('serves waiters first come, first served', async () => {
    const { clock, limiter: subject } = limiter(1, 100);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (index) => {
        const slot = await subject.acquire();
        order.push(index);
        slot.release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.time).toBe(300);
  });

  it('stops waiting when the signal aborts', async () => {
    const { limiter: subject } = limiter(1, 1000, {
      ...fakeClock(),
      sleep: () => new Promise(() => undefined),
    } as never);
    await subject.acquire(); // never released: the next caller must wait for it
    const controller = new AbortController();
    const waiting = subject.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('treats release as idempotent', async () => {
    const { clock, limiter: subject } = limiter(1, 1000);
    const slot = await subject.acquire();
    slot.release();
    clock.time = 500;
    slot.release();
    expect(await send(subject, clock)).toBe(1000);
  });
});
