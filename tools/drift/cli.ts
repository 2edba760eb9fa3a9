// `agentos-contacts drift`: flags and environment, the run, the report files, and the exit code
// (0 no drift, 1 drift, 2 unusable input, 3 incomplete).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { contractsDirectory } from '../../mock-server/contract/contract.js';
import { parseRateLimit } from '../sync/rate-limit-text.js';
import { buildContractModel, defaultContractPath, readDocument } from './contract-model.js';
import { runDrift } from './drift-run.js';
import { UnusableInputError } from './unusable-input-error.js';
import { jsonReport } from './json-report.js';
import { junitReport } from './junit-report.js';
import { markdownReport } from './markdown-report.js';
import { overlayDocument } from './overlay-writer.js';
import { loadProviderDocument } from './provider-document.js';
import { compareProviderDocument } from './provider-comparison.js';
import { progressLine } from './progress-line.js';

export interface DriftIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface DriftFlags {
  baseUrl?: string;
  apiKey?: string;
  shortName?: string;
  integrator?: string;
  rateLimit: string;
  maxRequests: number;
  providerContract?: string;
  contract?: string;
  json?: string;
  report?: string;
  junit?: string;
  writeOverlay?: string;
  allowWrites: boolean;
  progress: boolean;
}

function positive(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw new InvalidArgumentError('a whole number, 1 or more');
  return value;
}

function rateLimitText(text: string): string {
  if (!parseRateLimit(text)) throw new InvalidArgumentError('requests/window, e.g. 40/60s');
  return text;
}

function command(io: DriftIo): Command {
  return new Command('agentos-contacts drift')
    .description(
      "Measure where a provider (agentOS's sandbox) differs from this kit's contract, within its rate limit.",
    )
    .option('--base-url <url>', 'the provider, e.g. https://live-api.letmc.com (env: AGENTOS_BASE_URL)')
    .option('--api-key <key>', 'the agency key (env: AGENTOS_API_KEY, preferred)')
    .option('--short-name <name>', 'the agency short name (env: AGENTOS_SHORTNAME)')
    .option('--integrator <name>', 'your integration name (env: AGENTOS_INTEGRATOR)')
    .addOption(
      new Option('--rate-limit <n/window>', 'client-side rolling window (below agentOS 50/60s)')
        .argParser(rateLimitText)
        .default('40/60s'),
    )
    .addOption(new Option('--max-requests <n>', 'the most requests this run sends').argParser(positive).default(200))
    .option('--provider-contract <url|file>', "the provider's own Swagger 2.0 / OpenAPI 3.x document")
    .option('--contract <file>', 'our contract to compare with (default: the one this package ships)')
    .option('--json <file>', 'write the JSON report (contracts/partner-report.schema.json)')
    .option('--report <file>', 'write the Markdown report (default: to stdout)')
    .option('--junit <file>', 'write a JUnit XML report for CI')
    .option('--write-overlay <file>', 'write an OpenAPI Overlay 1.0 that brings the contract to what was observed')
    .option('--allow-writes', 'also probe the write route (writes back the value it read)', false)
    .option('--no-progress', 'no progress line, even on a terminal')
    .addHelpText(
      'after',
      '\nExit codes: 0 no drift, 1 drift, 2 unusable input, 3 incomplete (budget, 429 or 403 stopped some probes).\n',
    )
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .allowExcessArguments(false);
}

function loadModel(path: string) {
  try {
    return buildContractModel(readDocument(path));
  } catch (error) {
    throw new UnusableInputError(
      `cannot read the contract ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function toolVersion(): string {
  try {
    return String(JSON.parse(readFileSync(join(contractsDirectory(), '..', 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

/** `agentos-contacts drift ...`: argv holds the subcommand's own arguments; resolves to the exit code. */
export async function runDriftCommand(argv: readonly string[], io: DriftIo = process): Promise<number> {
  const program = command(io);
  let flags: DriftFlags;
  try {
    flags = program.parse(['node', 'drift', ...argv]).opts<DriftFlags>();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  // The environment twins are read here, from io.env, so tests need not touch process.env.
  flags.baseUrl ??= io.env.AGENTOS_BASE_URL;
  flags.apiKey ??= io.env.AGENTOS_API_KEY;
  flags.shortName ??= io.env.AGENTOS_SHORTNAME;
  flags.integrator ??= io.env.AGENTOS_INTEGRATOR;
  const missing = (['baseUrl', 'apiKey', 'shortName'] as const).filter((name) => !flags[name]);
  if (missing.length > 0) {
    const names = {
      baseUrl: '--base-url / AGENTOS_BASE_URL',
      apiKey: '--api-key / AGENTOS_API_KEY',
      shortName: '--short-name / AGENTOS_SHORTNAME',
    };
    io.stderr.write(`error: drift needs ${missing.map((name) => names[name]).join(', ')}\n`);
    return 2;
  }
  try {
    new URL(flags.baseUrl as string);
  } catch {
    io.stderr.write('error: --base-url must be an absolute URL such as https://live-api.letmc.com\n');
    return 2;
  }
  try {
    const model = loadModel(flags.contract ?? defaultContractPath());
    const provider = flags.providerContract ? await loadProviderDocument(flags.providerContract) : undefined;
    const report = await runDrift(
      model,
      {
        baseUrl: flags.baseUrl as string,
        apiKey: flags.apiKey as string,
        shortName: flags.shortName as string,
        integrator: flags.integrator,
        rateLimit: parseRateLimit(flags.rateLimit) as NonNullable<ReturnType<typeof parseRateLimit>>,
        rateLimitText: flags.rateLimit,
        maxRequests: flags.maxRequests,
        allowWrites: flags.allowWrites,
        pageSize: 100,
        timeoutMs: 30_000,
        toolVersion: toolVersion(),
      },
      progressLine(flags.progress ? io.stderr : { write: () => undefined }),
      async () => (provider ? compareProviderDocument(model, provider.document) : []),
    );
    const full = provider
      ? { ...report, providerContract: { source: provider.source, title: provider.title, version: provider.version } }
      : report;
    const markdown = markdownReport(full);
    if (flags.report) writeFileSync(flags.report, markdown);
    else io.stdout.write(markdown);
    if (flags.json) writeFileSync(flags.json, `${JSON.stringify(jsonReport(full), null, 2)}\n`);
    if (flags.junit) writeFileSync(flags.junit, junitReport(full));
    if (flags.writeOverlay) writeFileSync(flags.writeOverlay, overlayDocument(full, model));
    const counts = { error: 0, warning: 0, info: 0 };
    for (const finding of full.findings) counts[finding.severity] += 1;
    io.stderr.write(
      `drift: ${full.outcome} (exit ${full.exitCode}): ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes; ${full.budget.requestsSent} requests\n`,
    );
    return full.exitCode;
  } catch (error) {
    if (error instanceof UnusableInputError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
