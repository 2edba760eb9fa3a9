import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { PactFileError, pactPaths } from './pact-files.js';

export const PACT_COMMANDS = ['verify-pact', 'check-pact'] as const;

const xml = (text: string): string =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)
    // Characters XML 1.0 cannot carry at all (the verifier's output has ANSI escapes).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export interface JUnitCase {
  readonly suite: string;
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly reasons: readonly string[];
}

/** A JUnit XML report: one suite per pact file, one test case per interaction. */
export function junitXml(cases: readonly JUnitCase[], name: string): string {
  const suites = new Map<string, JUnitCase[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const count = (list: readonly JUnitCase[], status: JUnitCase['status']) =>
    list.filter((c) => c.status === status).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${cases.length}" failures="${count(cases, 'failed')}" skipped="${count(cases, 'skipped')}">`,
  ];
  for (const [suite, list] of suites) {
    lines.push(
      `  <testsuite name="${xml(suite)}" tests="${list.length}" failures="${count(list, 'failed')}" skipped="${count(list, 'skipped')}">`,
    );
    for (const c of list) {
      const open = `    <testcase classname="${xml(suite)}" name="${xml(c.name)}"`;
      if (c.status === 'passed') lines.push(`${open}/>`);
      else if (c.status === 'skipped')
        lines.push(`${open}>`, `      <skipped message="${xml(c.reasons.join('; '))}"/>`, '    </testcase>');
      else
        lines.push(
          `${open}>`,
          `      <failure message="${xml(c.reasons[0] ?? 'failed')}">${xml(c.reasons.join('\n'))}</failure>`,
          '    </testcase>',
        );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function files(target: string): string[] {
  const found = pactPaths(target);
  if (found.length === 0) throw new PactFileError(`${target}: no .json pact files there`);
  return found;
}

async function verifyCommand(target: string, flags: { junit?: string; providerBaseUrl?: string }): Promise<number> {
  const { verifyPacts } = await import('./verify-pacts.js');
  const result = await verifyPacts({
    pactFiles: files(target),
    providerBaseUrl: flags.providerBaseUrl,
    apiKey: process.env.PACT_PROVIDER_API_KEY,
    allowWrites: process.env.PACT_ALLOW_WRITES === 'true',
  });
  const out: string[] = [];
  for (const r of result.results) {
    out.push(`${r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP'} ${r.consumer}: ${r.label}`);
    for (const reason of r.status === 'passed' ? [] : r.reasons) out.push(`     ${reason}`);
  }
  for (const error of result.errors) out.push(`ERROR ${error}`);
  const failed = result.results.filter((r) => r.status === 'failed').length;
  out.push(
    `${result.results.length} interactions against ${result.target === 'mock' ? 'the mock' : result.providerBaseUrl}: ` +
      `${result.results.filter((r) => r.status === 'passed').length} passed, ${failed} failed, ` +
      `${result.results.filter((r) => r.status === 'skipped').length} skipped`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  if (flags.junit) {
    mkdirSync(dirname(flags.junit), { recursive: true });
    writeFileSync(
      flags.junit,
      junitXml(
        result.results.map((r) => ({
          suite: `${r.consumer} (${r.pactFile})`,
          name: r.label,
          status: r.status,
          reasons: r.reasons,
        })),
        'agentos-contacts verify-pact',
      ),
    );
  }
  return result.ok ? 0 : 1;
}

async function checkCommand(target: string, flags: { contract?: string }): Promise<number> {
  const { checkPacts } = await import('./check-pacts.js');
  const results = await checkPacts(files(target), { contractFile: flags.contract });
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.ok ? 'PASS' : 'FAIL'} ${r.label}${r.operationId ? ` [${r.operationId}]` : ''}`);
    for (const reason of r.reasons) out.push(`     ${reason}`);
    for (const warning of r.warnings) out.push(`     warning: ${warning}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  const warned = results.filter((r) => r.warnings.length > 0).length;
  out.push(
    `${results.length} interactions checked against the contract: ${results.length - failed} passed, ${failed} failed, ` +
      `${warned} relying on the kit's assumptions`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return failed === 0 ? 0 : 1;
}

/** `agentos-contacts verify-pact|check-pact ...`: returns the exit code. */
export async function runPactCommand(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('agentos-contacts').exitOverride();
  program
    .command('verify-pact')
    .description('verify pact files against the mock (started in-process; provider states through /__mock/states)')
    .argument('<file-or-dir>', 'a pact file, or a folder of them')
    .option('--junit <path>', 'write a JUnit XML report there')
    .option(
      '--provider-base-url <url>',
      'verify a running provider instead (default: PACT_PROVIDER_BASE_URL, else the in-process mock)',
    )
    .action(async (target: string, flags: { junit?: string; providerBaseUrl?: string }) => {
      code = await verifyCommand(target, {
        ...flags,
        providerBaseUrl: flags.providerBaseUrl ?? (process.env.PACT_PROVIDER_BASE_URL || undefined),
      });
    });
  program
    .command('check-pact')
    .description('check pact files against the V4 Contacts contract, without running a provider')
    .argument('<file-or-dir>', 'a pact file, or a folder of them')
    .option('--contract <file>', 'an OpenAPI document to check against (default: the kit’s V4 Contacts contract)')
    .action(async (target: string, flags: { contract?: string }) => {
      code = await checkCommand(target, flags);
    });
  try {
    await program.parseAsync(['node', 'agentos-contacts', ...argv]);
  } catch (error) {
    if (error instanceof PactFileError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (typeof exitCode === 'number') return exitCode === 0 ? 0 : 2;
    if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return code;
}
