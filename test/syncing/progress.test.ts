import { describe, expect, it } from 'vitest';
import { lineProgress } from '../../tools/sync/sync-progress.js';
import { etaSeconds } from '../../tools/sync/terminal-progress.js';
import { parseRateLimit } from '../../tools/sync/rate-limit-text.js';

const AGENTOS = { requests: 50, windowMs: 60_000 };

describe('progress', () => {
  it.each([
    // remaining, free slots, observed ms per request -> seconds
    { remaining: 10, free: 50, averageMs: 100, eta: 1 }, // fits in the free slots: the observed pace
    { remaining: 150, free: 50, averageMs: 100, eta: 120 }, // 100 beyond the free slots: two minutes
    { remaining: 150, free: 0, averageMs: 10, eta: 180 },
    { remaining: 0, free: 0, averageMs: 10, eta: 0 },
  ])('ETA of $remaining requests with $free free slots is $eta s', ({ remaining, free, averageMs, eta }) => {
    expect(etaSeconds(remaining, free, averageMs, AGENTOS)).toBe(eta);
  });

  it('logs one plain line per page and a count per hundred people', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line));
    progress.plan(203);
    progress.advance('tenants BRA-0000000000 1000/1200');
    for (let person = 1; person <= 202; person++) progress.advance(`person roles ${person}/202`);
    expect(lines).toEqual([
      '[1/203] tenants BRA-0000000000 1000/1200',
      '[100/203] person roles 99/202',
      '[200/203] person roles 199/202',
      '[203/203] person roles 202/202',
    ]);
  });

  it.each([
    ['50/60s', { requests: 50, windowMs: 60_000 }],
    ['20/2s', { requests: 20, windowMs: 2000 }],
    ['5/1000ms', { requests: 5, windowMs: 1000 }],
    ['100/1m', { requests: 100, windowMs: 60_000 }],
    ['50', undefined],
    ['0/1s', undefined],
  ])('reads the rate limit %s', (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected);
  });
});
