import type { CheckClientReport, CheckStatus, EvidenceLine } from './report.js';

const LABELS: Readonly<Record<CheckStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  info: 'INFO',
  'not-exercised': 'n/a ',
};

function line(evidence: EvidenceLine): string {
  const query = new URLSearchParams(
    Object.entries(evidence.query).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  const at = `+${evidence.at.toFixed(3)}s`.padStart(10);
  const note = evidence.note === undefined ? '' : `   <- ${evidence.note}`;
  return `        ${at} ${evidence.method} ${evidence.path}${query === '' ? '' : `?${query}`} -> ${evidence.status}${note}`;
}

/** The report as a person reads it: one line per check, the journal lines under each failure. */
export function terminalReport(report: CheckClientReport): string {
  const ending = report.timedOut
    ? 'timed out and was stopped'
    : report.signal
      ? `ended by ${report.signal}`
      : report.exitCode === null
        ? 'did not start'
        : `exit ${report.exitCode}`;
  const limit = report.mock.rateLimit
    ? `${report.mock.rateLimit.requests}/${report.mock.rateLimit.windowMs / 1000}s`
    : 'no rate limit';
  const lines = [
    `check-client: ${report.command.join(' ')}`,
    `  ${ending} after ${(report.durationMs / 1000).toFixed(1)} s; ${report.requests.command} request(s)` +
      `${report.adversarial ? `, another client on the key sent ${report.requests.adversary}` : ''}; mock ${report.mock.profile}, ${limit}` +
      `${report.adversarial ? ', adversarial' : ''}`,
    '',
  ];
  for (const check of report.checks) {
    lines.push(`  ${LABELS[check.status]}  ${check.title}${check.graded ? '' : ' (reported, not graded)'}`);
    lines.push(`        ${check.summary}`);
    if (check.status === 'fail') lines.push(...check.evidence.map(line));
  }
  const failed = report.checks.filter((check) => check.graded && check.status === 'fail').length;
  const graded = report.checks.filter((check) => check.graded).length;
  lines.push(
    '',
    report.passed
      ? `PASS: every graded check passed (${graded}).`
      : `FAIL: ${failed} of ${graded} graded checks failed.`,
  );
  return `${lines.join('\n')}\n`;
}
