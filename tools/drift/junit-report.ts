// JUnit XML for CI: one test suite per route, one test case per probe, and one per drift
// finding (a failure), so a CI page lists each difference by name.
import type { DriftReport } from './report-model.js';

const xml = (text: string | number | undefined): string =>
  String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function junitReport(report: DriftReport): string {
  const operations = [
    ...new Set([
      ...report.probes.map((probe) => probe.operation),
      ...report.findings.map((finding) => finding.operation ?? 'provider'),
    ]),
  ];
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const operation of operations) {
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const probe of report.probes.filter((candidate) => candidate.operation === operation)) {
      const name = `probe: ${probe.description}`;
      if (probe.status === 'pass') cases.push(`    <testcase classname="${xml(operation)}" name="${xml(name)}"/>`);
      else if (probe.status === 'skipped' || probe.status === 'stopped') {
        skipped += 1;
        cases.push(
          `    <testcase classname="${xml(operation)}" name="${xml(name)}"><skipped message="${xml(probe.reason)}"/></testcase>`,
        );
      } else {
        failures += 1;
        const message = probe.reason ?? `expected ${probe.expectedStatus}, got ${probe.observedStatus}`;
        cases.push(
          `    <testcase classname="${xml(operation)}" name="${xml(name)}"><failure message="${xml(message)}"/></testcase>`,
        );
      }
    }
    for (const finding of report.findings.filter(
      (candidate) => (candidate.operation ?? 'provider') === operation && candidate.severity !== 'info',
    )) {
      failures += 1;
      const name = `${finding.category}: ${[finding.schema, finding.path].filter(Boolean).join(' ') || operation}`;
      cases.push(
        `    <testcase classname="${xml(operation)}" name="${xml(name)}"><failure type="${xml(finding.severity)}" message="${xml(finding.message)}"/></testcase>`,
      );
    }
    totalTests += cases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    suites.push(
      `  <testsuite name="${xml(operation)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="agentos-contacts drift" tests="${totalTests}" failures="${totalFailures}" skipped="${totalSkipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
