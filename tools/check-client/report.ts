import type { JournalEntry } from '../../mock-server/state/request-journal.js';

/** pass/fail for graded checks; info for what is reported only; not-exercised when the run never tested it. */
export type CheckStatus = 'pass' | 'fail' | 'info' | 'not-exercised';

/** A journal line that shows a finding, with its time from the start of the run. */
export interface EvidenceLine {
  /** Seconds since the first request of the run. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly status: number;
  readonly note?: string;
}

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  /** Graded checks decide the exit code; the others are reported only. */
  readonly graded: boolean;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly evidence: readonly EvidenceLine[];
}

/** The whole grade; contracts/check-client-report.schema.json describes it. */
export interface CheckClientReport {
  readonly tool: 'agentos-contacts check-client';
  readonly schemaVersion: 1;
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly adversarial: boolean;
  readonly mock: {
    readonly profile: string;
    readonly rateLimit: { readonly requests: number; readonly windowMs: number } | null;
    readonly seed: number;
    readonly errorRate: number;
    readonly shortName: string;
  };
  readonly requests: { readonly command: number; readonly adversary: number };
  readonly checks: readonly CheckResult[];
  readonly passed: boolean;
}

/** Evidence lists stay short: the first lines that show the finding. */
export const MAX_EVIDENCE = 8;

/** A journal entry as evidence, timed from `origin` (ms). */
export function evidence(entry: JournalEntry, origin: number, note?: string): EvidenceLine {
  return {
    at: Number(((Date.parse(entry.time) - origin) / 1000).toFixed(3)),
    method: entry.method,
    path: entry.path,
    query: entry.query,
    status: entry.status,
    ...(note === undefined ? {} : { note }),
  };
}
