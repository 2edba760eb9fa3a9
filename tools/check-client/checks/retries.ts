import { evidence, MAX_EVIDENCE, type CheckResult, type EvidenceLine } from '../report.js';
import { requestIdentity, type TimedEntry } from './timed-entry.js';

export interface RetryRules {
  /** A retry sooner than this after the failure's answer counts as no backoff. */
  readonly minBackoffMs: number;
  /** More retries of one request than this counts as unbounded. */
  readonly maxRetries: number;
}

/** The attempts of one request from its first 5xx until it got another answer or was given up. */
interface Chain {
  readonly attempts: TimedEntry[];
}

function chainsOf(entries: readonly TimedEntry[]): Chain[] {
  const open = new Map<string, Chain>();
  const chains: Chain[] = [];
  for (const attempt of entries) {
    const identity = requestIdentity(attempt.entry);
    const chain = open.get(identity);
    if (chain) chain.attempts.push(attempt);
    if (attempt.entry.status >= 500) {
      if (!chain) {
        const fresh = { attempts: [attempt] };
        open.set(identity, fresh);
        chains.push(fresh);
      }
    } else if (chain) {
      open.delete(identity);
    }
  }
  return chains;
}

/** Graded: every 5xx is retried, after a backoff, a bounded number of times. */
export function retriesCheck(entries: readonly TimedEntry[], origin: number, rules: RetryRules): CheckResult {
  const base = { id: 'retried-503', title: '503s retried with backoff, within a bound', graded: true };
  const chains = chainsOf(entries);
  if (chains.length === 0) {
    return { ...base, status: 'not-exercised', summary: 'The command was never answered 5xx.', evidence: [] };
  }
  const faults = { notRetried: 0, noBackoff: 0, unbounded: 0 };
  let gaveUp = 0;
  let shortest = Number.POSITIVE_INFINITY;
  const lines: EvidenceLine[] = [];
  const show = (attempt: TimedEntry, note: string): void => {
    if (lines.length < MAX_EVIDENCE) lines.push(evidence(attempt.entry, origin, note));
  };
  for (const { attempts } of chains) {
    const lastAttempt = attempts[attempts.length - 1] as TimedEntry;
    if (attempts.length === 1) {
      faults.notRetried++;
      show(lastAttempt, 'answered 5xx and never retried');
      continue;
    }
    if (lastAttempt.entry.status >= 500) gaveUp++;
    if (attempts.length - 1 > rules.maxRetries) {
      faults.unbounded++;
      show(lastAttempt, `retried ${attempts.length - 1} times (more than ${rules.maxRetries})`);
    }
    for (let index = 1; index < attempts.length; index++) {
      const previous = attempts[index - 1] as TimedEntry;
      const gap = (attempts[index] as TimedEntry).arrived - previous.answered;
      shortest = Math.min(shortest, gap);
      if (gap < rules.minBackoffMs) {
        faults.noBackoff++;
        show(previous, '5xx');
        show(attempts[index] as TimedEntry, `retried after ${gap.toFixed(0)} ms (less than ${rules.minBackoffMs} ms)`);
      }
    }
  }
  const problems = [
    faults.notRetried > 0 ? `${faults.notRetried} 5xx never retried` : '',
    faults.noBackoff > 0 ? `${faults.noBackoff} retr(ies) without backoff` : '',
    faults.unbounded > 0 ? `${faults.unbounded} request(s) retried past ${rules.maxRetries} times` : '',
  ].filter(Boolean);
  const totals = `${chains.length} request(s) answered 5xx; shortest backoff ${Number.isFinite(shortest) ? `${shortest.toFixed(0)} ms` : 'n/a'}; ${gaveUp} given up after retries`;
  if (problems.length === 0) return { ...base, status: 'pass', summary: `${totals}.`, evidence: [] };
  return { ...base, status: 'fail', summary: `${problems.join('; ')} (${totals}).`, evidence: lines };
}
