import type { CheckClientReport, EvidenceLine } from './report.js';

function escape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 cannot hold most control characters, even escaped.
      .replace(/./gsu, (character) => {
        const code = character.codePointAt(0) as number;
        return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d ? '' : character;
      })
  );
}

function evidenceText(lines: readonly EvidenceLine[]): string {
  return lines
    .map(
      (line) =>
        `+${line.at.toFixed(3)}s ${line.method} ${line.path} ${JSON.stringify(line.query)} -> ${line.status}${line.note ? ` (${line.note})` : ''}`,
    )
    .join('\n');
}

/** JUnit XML for CI dashboards: one test case per check; reported-only checks pass or are skipped. */
export function junitReport(report: CheckClientReport): string {
  const failures = report.checks.filter((check) => check.graded && check.status === 'fail').length;
  const skipped = report.checks.filter((check) => check.status === 'not-exercised').length;
  const cases = report.checks.map((check) => {
    const open = `    <testcase classname="check-client" name="${escape(check.title)}" time="0">`;
    let body: string;
    if (check.graded && check.status === 'fail') {
      body = `\n      <failure message="${escape(check.summary)}">${escape(evidenceText(check.evidence))}</failure>\n    `;
    } else if (check.status === 'not-exercised') {
      body = `\n      <skipped message="${escape(check.summary)}"/>\n    `;
    } else {
      body = `\n      <system-out>${escape(check.summary)}</system-out>\n    `;
    }
    return `${open}${body}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="check-client" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${escape(report.command.join(' '))}" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
