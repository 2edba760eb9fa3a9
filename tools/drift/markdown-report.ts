// The report a person reads: the outcome, a table per route, the provider document's
// differences, then the readings and the mock command that behaves like the provider.
import type { DriftReport, Finding, ProbeRecord } from './report-model.js';

const cell = (text: string | number | undefined): string =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

const OUTCOME: Record<DriftReport['outcome'], string> = {
  'no-drift': 'no drift: the provider matches the contract (readings below)',
  drift: 'drift: the provider differs from the contract',
  incomplete: 'incomplete: some probes were not answered (see "stopped")',
};

/** Findings from comparing the provider's document, listed in their own section. */
const DOCUMENT_CATEGORIES = new Set<Finding['category']>(['provider-document', 'route', 'parameter']);

function labelText(finding: Finding): string {
  if (!finding.label) return '';
  if (finding.label.kind === 'x-kit-assumption') return 'guess measured (`x-kit-assumption`)';
  if (finding.label.kind === 'x-agentos-evidence')
    return `evidence contradicted (\`x-agentos-evidence\`: ${finding.label.text})`;
  return 'unlabelled';
}

function probeTable(probes: readonly ProbeRecord[]): string[] {
  const lines = ['| probe | expected | got | result | headers |', '|---|---|---|---|---|'];
  for (const probe of probes) {
    const result = probe.reason ? `${probe.status}: ${probe.reason}` : probe.status;
    lines.push(
      `| ${cell(probe.description)} | ${cell(probe.expectedStatus)} | ${cell(probe.observedStatus ?? '-')}${probe.contentType ? ` ${cell(probe.contentType)}` : ''} | ${cell(result)} | ${cell(probe.headers?.join(', '))} |`,
    );
  }
  return lines;
}

function findingTable(findings: readonly Finding[], withOperation = false): string[] {
  if (findings.length === 0) return ['No difference.'];
  const lines = ['| severity | where | finding | contract label |', '|---|---|---|---|'];
  for (const finding of findings) {
    const where = [withOperation ? finding.operation : undefined, finding.schema, finding.path]
      .filter(Boolean)
      .join(' ');
    lines.push(`| ${finding.severity} | ${cell(where)} | ${cell(finding.message)} | ${cell(labelText(finding))} |`);
  }
  return lines;
}

export function markdownReport(report: DriftReport): string {
  const lines: string[] = [
    `# agentos-contacts drift: ${report.target.shortName} at ${report.target.baseUrl}`,
    '',
    `Contract: ${report.contract.title} ${report.contract.version}. Outcome: **${OUTCOME[report.outcome]}** (exit ${report.exitCode}).`,
    '',
    `Requests: ${report.budget.requestsSent} of at most ${report.budget.maxRequests}, within ${report.budget.rateLimit}; ` +
      `${report.budget.rateLimited} answered 429, ${report.budget.blocked} answered 403.`,
    '',
  ];
  const routes = new Map<string, ProbeRecord[]>();
  for (const probe of report.probes) routes.set(probe.operation, [...(routes.get(probe.operation) ?? []), probe]);
  for (const [operation, probes] of routes) {
    const own = report.findings.filter(
      (finding) => finding.operation === operation && !DOCUMENT_CATEGORIES.has(finding.category),
    );
    lines.push(`## ${operation}: ${probes[0]?.route}`, '', ...probeTable(probes), '', ...findingTable(own), '');
  }
  const providerDocument = report.findings.filter((finding) => DOCUMENT_CATEGORIES.has(finding.category));
  if (report.providerContract) {
    lines.push(
      `## The provider's own document`,
      '',
      `${report.providerContract.source}: ${report.providerContract.title} ${report.providerContract.version}.`,
      '',
      ...findingTable(providerDocument, true),
      '',
    );
  }
  lines.push('## Readings', '', '| switch | provider | evidence |', '|---|---|---|');
  for (const reading of report.readings) {
    lines.push(`| \`${reading.switch}\` | ${cell(reading.value ?? 'not shown')} | ${cell(reading.evidence)} |`);
  }
  lines.push('');
  lines.push(
    report.suggestedFlags.length > 0
      ? `A mock that behaves like this provider: \`agentos-contacts serve ${report.suggestedFlags.join(' ')}\``
      : 'No reading was shown, so no mock flag is suggested.',
    '',
  );
  return lines.join('\n');
}
