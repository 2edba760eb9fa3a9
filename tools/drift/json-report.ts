// The machine-readable report, in the shape every partner command shares
// (contracts/partner-report.schema.json): tool, target, checks, findings, suggestions, and the
// tool's own details.
import type { DriftReport } from './report-model.js';

export const PARTNER_REPORT_SCHEMA_ID = 'https://agentos-contacts-kit.example/schemas/partner-report.schema.json';

const OUTCOME = { 'no-drift': 'pass', drift: 'fail', incomplete: 'incomplete' } as const;

export function jsonReport(report: DriftReport): Record<string, unknown> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of report.findings) counts[finding.severity] += 1;
  const statuses = { pass: 0, fail: 0, skipped: 0, stopped: 0 };
  for (const probe of report.probes) statuses[probe.status] += 1;
  return {
    $schema: PARTNER_REPORT_SCHEMA_ID,
    reportVersion: 1,
    tool: report.tool,
    toolVersion: report.toolVersion,
    generatedAt: report.generatedAt,
    target: {
      ...report.target,
      contract: report.contract,
      ...(report.providerContract ? { providerContract: report.providerContract } : {}),
    },
    outcome: OUTCOME[report.outcome],
    exitCode: report.exitCode,
    summary: {
      checks: report.probes.length,
      ...statuses,
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.info,
    },
    checks: report.probes.map((probe) => ({
      id: probe.id,
      name: `${probe.operation}: ${probe.description}`,
      subject: probe.route,
      status: probe.status,
      ...(probe.expectedStatus !== undefined ? { expected: String(probe.expectedStatus) } : {}),
      ...(probe.observedStatus !== undefined ? { observed: String(probe.observedStatus) } : {}),
      ...(probe.reason ? { detail: probe.reason } : {}),
      ...(probe.contentType ? { contentType: probe.contentType } : {}),
      ...(probe.headers && probe.headers.length > 0 ? { headers: probe.headers } : {}),
    })),
    findings: report.findings.map(({ overlay: _overlay, ...finding }) => ({
      ...finding,
      subject: finding.operation,
      drift: finding.severity !== 'info',
    })),
    suggestions: [
      ...(report.suggestedFlags.length > 0
        ? [
            {
              kind: 'mock-flags',
              text: 'Start the mock so it behaves like this provider.',
              command: `agentos-contacts serve ${report.suggestedFlags.join(' ')}`,
              flags: report.suggestedFlags,
            },
          ]
        : []),
      ...(report.findings.some((finding) => finding.overlay)
        ? [
            {
              kind: 'overlay',
              text: 'Run again with --write-overlay FILE for the contract changes that match what was observed.',
            },
          ]
        : []),
    ],
    details: { readings: report.readings, budget: report.budget },
  };
}
