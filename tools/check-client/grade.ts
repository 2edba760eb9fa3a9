import type { JournalEntry } from '../../mock-server/state/request-journal.js';
import type { RateLimit } from '../../mock-server/options/mock-options.js';
import type { AdversaryOutcome } from './adversary.js';
import { blockedCheck } from './checks/blocked.js';
import { budgetShareCheck } from './checks/budget-share.js';
import { identificationCheck } from './checks/identification.js';
import { listSeries, pagingCheck } from './checks/paging.js';
import { retriesCheck, type RetryRules } from './checks/retries.js';
import { sentWhileLimitedCheck } from './checks/sent-while-limited.js';
import { byArrival, type TimedEntry } from './checks/timed-entry.js';
import { ADVERSARY_MARK } from './mock-host.js';
import type { CheckResult } from './report.js';
import type { GradedRoute } from './route-table.js';

export interface GradeInput {
  readonly journal: readonly JournalEntry[];
  readonly routes: readonly GradedRoute[];
  readonly rateLimit: RateLimit | undefined;
  readonly rules: RetryRules;
  /** Asks the mock for the Count of each list the command started. */
  readonly totals: (series: ReturnType<typeof listSeries>) => Promise<ReadonlyMap<string, number>>;
  readonly adversary: AdversaryOutcome | undefined;
}

export interface Grade {
  readonly checks: CheckResult[];
  readonly command: readonly TimedEntry[];
  readonly adversary: readonly TimedEntry[];
}

function sentAnything(command: readonly TimedEntry[]): CheckResult {
  const base = { id: 'sent-requests', title: 'the command read from the mock', graded: true, evidence: [] };
  const read = command.filter(({ entry }) => entry.status >= 200 && entry.status < 300).length;
  if (command.length === 0) {
    return { ...base, status: 'fail', summary: 'The command sent no request to AGENTOS_BASE_URL: nothing was read.' };
  }
  if (read === 0) {
    const statuses = [...new Set(command.map(({ entry }) => entry.status))].join(', ');
    return {
      ...base,
      status: 'fail',
      summary: `None of the command's ${command.length} request(s) was answered 2xx (statuses: ${statuses}): nothing was read.`,
    };
  }
  return {
    ...base,
    status: 'pass',
    summary: `${command.length} request(s) to AGENTOS_BASE_URL, ${read} answered 2xx.`,
  };
}

/** What the command did about the consent withdrawn mid-run: reported, since a store is beyond the journal. */
function consentCheck(command: readonly TimedEntry[], adversary: AdversaryOutcome): CheckResult {
  const base = { id: 'consent-withdrawn', title: 'consent withdrawn mid-run', graded: false, evidence: [] };
  if (adversary.withdrawnAt === undefined) {
    const why = adversary.withdrawalError ?? 'the command ended before it had sent enough requests';
    return { ...base, status: 'not-exercised', summary: `No consent was withdrawn: ${why}.` };
  }
  const at = adversary.withdrawnAt;
  const after = command.filter(({ arrived }) => arrived >= at);
  const mentioning = after.filter(({ entry }) => adversary.withdrawn.some((person) => entry.path.includes(person)));
  return {
    ...base,
    status: 'info',
    summary:
      `${adversary.withdrawn.length} people withdrew consent mid-run; the command sent ${after.length} request(s) after, ` +
      `${mentioning.length} of them naming one of those people. Check your store erased their personal data.`,
  };
}

/** What the command did in each adversarial situation, in one place (the graded checks hold the verdicts). */
function adversarialCheck(
  command: readonly TimedEntry[],
  adversary: readonly TimedEntry[],
  checks: CheckResult[],
): CheckResult {
  const verdict = (id: string): string => checks.find((check) => check.id === id)?.status ?? 'not run';
  const limited = command.filter(({ entry }) => entry.status === 429).length;
  const failed = command.filter(({ entry }) => entry.status >= 500).length;
  return {
    id: 'adversarial',
    title: 'adversarial run',
    graded: false,
    status: 'info',
    summary: [
      `another client on the key sent ${adversary.length} request(s)`,
      `the command met ${limited} 429(s) without Retry-After (waited a window after each: ${verdict('not-sent-while-limited')})`,
      `${failed} 503(s) injected (retried with backoff: ${verdict('retried-503')})`,
      `consent withdrawn mid-run: ${verdict('consent-withdrawn') === 'info' ? 'yes' : 'no'}`,
    ].join('; '),
    evidence: [],
  };
}

/** Runs every check over the journal of one run. */
export async function grade(input: GradeInput): Promise<Grade> {
  const timedAll = byArrival(input.journal);
  const command = timedAll.filter(({ entry }) => entry.query[ADVERSARY_MARK] === undefined);
  const adversary = timedAll.filter(({ entry }) => entry.query[ADVERSARY_MARK] !== undefined);
  const origin = timedAll[0]?.arrived ?? 0;
  const series = listSeries(command, input.routes);
  const totals = await input.totals(series);
  const checks: CheckResult[] = [
    sentAnything(command),
    blockedCheck(command, origin),
    sentWhileLimitedCheck(command, origin, input.rateLimit),
    pagingCheck(series, totals, origin),
    retriesCheck(command, origin, input.rules),
    identificationCheck(command, origin, input.routes),
    budgetShareCheck(command, adversary, input.rateLimit),
  ];
  if (input.adversary) {
    checks.push(consentCheck(command, input.adversary));
    checks.push(adversarialCheck(command, adversary, checks));
  }
  return { checks, command, adversary };
}
