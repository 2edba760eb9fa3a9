import { evidence, type CheckResult } from '../report.js';
import type { TimedEntry } from './timed-entry.js';

/** Graded: a 403 means agentOS's load balancer blocked the key for sending while limited. */
export function blockedCheck(entries: readonly TimedEntry[], origin: number): CheckResult {
  const blocked = entries.filter(({ entry }) => entry.status === 403);
  const base = { id: 'never-blocked', title: 'never blocked (no 403)', graded: true };
  if (blocked.length === 0) {
    return { ...base, status: 'pass', summary: 'No request was answered 403.', evidence: [] };
  }
  const first = blocked[0] as TimedEntry;
  // The 429s just before the first block show how it came about.
  const lead = entries.filter(({ entry, arrived }) => entry.status === 429 && arrived <= first.arrived).slice(-3);
  return {
    ...base,
    status: 'fail',
    summary:
      `Blocked: ${blocked.length} request(s) answered 403, the first at +${((first.arrived - origin) / 1000).toFixed(3)} s. ` +
      'agentOS blocks a key that keeps sending after 429s; stop for one window after a 429.',
    evidence: [
      ...lead.map(({ entry }) => evidence(entry, origin, '429 before the block')),
      ...blocked.slice(0, 3).map(({ entry }) => evidence(entry, origin, 'blocked')),
    ],
  };
}
