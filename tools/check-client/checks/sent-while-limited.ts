import type { RateLimit } from '../../../mock-server/options/mock-options.js';
import { evidence, MAX_EVIDENCE, type CheckResult, type EvidenceLine } from '../report.js';
import type { TimedEntry } from './timed-entry.js';

/**
 * Graded: after a 429 the client must send nothing for one window (agentOS: wait a minute;
 * `Retry-After` is never promised). Requests already in flight when the 429 was answered do not
 * count; any request that arrived after the 429's answer and before the window passed does.
 */
export function sentWhileLimitedCheck(
  entries: readonly TimedEntry[],
  origin: number,
  rateLimit: RateLimit | undefined,
): CheckResult {
  const base = { id: 'not-sent-while-limited', title: 'nothing sent while limited', graded: true };
  const limited = entries.filter(({ entry }) => entry.status === 429);
  if (!rateLimit || limited.length === 0) {
    return {
      ...base,
      status: 'not-exercised',
      summary: rateLimit ? 'The command was never answered 429.' : 'The mock ran without a rate limit.',
      evidence: [],
    };
  }
  const lines: EvidenceLine[] = [];
  const early = new Set<TimedEntry>();
  let shortestWaitMs = Number.POSITIVE_INFINITY;
  for (const limit of limited) {
    const end = limit.arrived + rateLimit.windowMs;
    const next = entries.find((other) => other !== limit && other.arrived >= limit.answered);
    if (next) shortestWaitMs = Math.min(shortestWaitMs, next.arrived - limit.answered);
    const inWindow = entries.filter(
      (other) => other !== limit && other.arrived >= limit.answered && other.arrived < end,
    );
    const fresh = inWindow.filter((other) => !early.has(other));
    for (const other of inWindow) early.add(other);
    // Evidence: a 429 and the first requests that followed it too soon, for the first few 429s.
    if (fresh.length === 0 || lines.length >= MAX_EVIDENCE) continue;
    lines.push(evidence(limit.entry, origin, '429'));
    for (const other of fresh.slice(0, 2)) {
      const after = ((other.arrived - limit.answered) / 1000).toFixed(3);
      lines.push(
        evidence(
          other.entry,
          origin,
          `sent ${after} s after the 429 was answered, inside the ${rateLimit.windowMs / 1000} s window`,
        ),
      );
    }
  }
  const violations = early.size;
  if (violations === 0) {
    const wait = Number.isFinite(shortestWaitMs)
      ? `; the shortest wait after one was ${(shortestWaitMs / 1000).toFixed(3)} s`
      : '';
    return {
      ...base,
      status: 'pass',
      summary: `${limited.length} 429(s); after each the command waited at least one window (${rateLimit.windowMs / 1000} s)${wait}.`,
      evidence: [],
    };
  }
  return {
    ...base,
    status: 'fail',
    summary: `${violations} request(s) sent within ${rateLimit.windowMs / 1000} s of a 429 (${limited.length} 429s in all). Wait one full window after a 429.`,
    evidence: lines,
  };
}
