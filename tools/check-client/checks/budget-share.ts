import type { RateLimit } from '../../../mock-server/options/mock-options.js';
import type { CheckResult } from '../report.js';
import { tookSlot, type TimedEntry } from './timed-entry.js';

/** The most slot-taking requests in any rolling window (two pointers over arrival times). */
export function peakInWindow(entries: readonly TimedEntry[], windowMs: number): number {
  const times = entries.filter(({ entry }) => tookSlot(entry.status)).map(({ arrived }) => arrived);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[start] as number) + windowMs <= (times[end] as number)) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Reported, not graded: how much of the key's budget the command used, at its peak and on average. */
export function budgetShareCheck(
  entries: readonly TimedEntry[],
  adversary: readonly TimedEntry[],
  rateLimit: RateLimit | undefined,
): CheckResult {
  const base = { id: 'budget-share', title: 'share of the rate budget', graded: false, evidence: [] };
  if (!rateLimit || entries.length === 0) {
    return { ...base, status: 'not-exercised', summary: 'No rate limit, or no request: nothing to share.' };
  }
  const slots = entries.filter(({ entry }) => tookSlot(entry.status)).length;
  const first = entries[0] as TimedEntry;
  const last = entries[entries.length - 1] as TimedEntry;
  const windows = Math.max(1, (last.answered - first.arrived) / rateLimit.windowMs);
  const peak = peakInWindow(entries, rateLimit.windowMs);
  const parts = [
    `peak ${peak} of ${rateLimit.requests} per ${rateLimit.windowMs / 1000} s window (${percent(peak / rateLimit.requests)})`,
    `average ${percent(slots / windows / rateLimit.requests)} over ${windows.toFixed(1)} window(s)`,
  ];
  if (adversary.length > 0) {
    parts.push(`the other client on the key peaked at ${peakInWindow(adversary, rateLimit.windowMs)} per window`);
  }
  return { ...base, status: 'info', summary: `${parts.join('; ')}.` };
}
