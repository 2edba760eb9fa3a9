import { CommanderError, InvalidArgumentError, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildCommand, settingsFromFlags } from '../../mock-server/options/cli-options.js';
import { parseShortDuration } from '../../mock-server/options/durations.js';
import { OptionsError, resolveOptions, type MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { checkClient, JournalOverflowError, type CheckClientSettings } from './check-client.js';
import { junitReport } from './junit-report.js';
import type { CommandOutput } from './run-partner-command.js';
import { terminalReport } from './terminal-report.js';

/** Where check-client writes: its report, and the command's own output. */
export interface CheckClientIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly command: CommandOutput;
}

const PROCESS_IO: CheckClientIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  command: { stdout: (chunk) => process.stdout.write(chunk), stderr: (chunk) => process.stderr.write(chunk) },
};

function duration(text: string): number {
  const milliseconds = parseShortDuration(text);
  if (milliseconds === undefined) throw new InvalidArgumentError('must be a duration such as 500ms, 30s or 10m.');
  return milliseconds;
}

function count(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('must be a whole number.');
  return Number(text);
}

function share(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value > 0 && value < 1))
    throw new InvalidArgumentError('must be a number between 0 and 1.');
  return value;
}

/** Where check-client's mock differs from `serve`: agentOS's behaviours, a free port, a journal for the whole run. */
const CHECK_DEFAULTS: Readonly<Record<string, { value: unknown; shown?: string }>> = {
  profile: { value: 'agentos' },
  port: { value: 0, shown: 'a free one' },
  journalSize: { value: 1_000_000 },
};

/** The mock's own flags (every one, with MOCK_* twins), plus check-client's. */
function buildCheckCommand() {
  const command = buildCommand();
  for (const option of command.options) {
    const name = option.attributeName();
    const changed = CHECK_DEFAULTS[name];
    if (!changed) continue;
    option.default(changed.value, changed.shown);
    command.setOptionValueWithSource(name, changed.value, 'default');
  }
  return command
    .name('agentos-contacts check-client')
    .usage('[mock flags] [check-client flags] -- COMMAND [ARGS...]')
    .description(
      'Run your own command against a mock with agentOS behaviours (--profile agentos unless you say otherwise), ' +
        'with AGENTOS_BASE_URL, AGENTOS_API_KEY, AGENTOS_SHORTNAME and AGENTOS_INTEGRATOR set, and grade it from ' +
        "the mock's journal: blocked, sent while limited, paged to the end, 503 retries, identification. Exit 0 when every graded check passes.",
    )
    .addOption(
      new Option(
        '--adversarial',
        'another client on the key, 429s without Retry-After, consent withdrawn mid-run, 503s',
      ),
    )
    .addOption(new Option('--json <file>', 'write the report as JSON (contracts/check-client-report.schema.json)'))
    .addOption(new Option('--junit <file>', 'write the report as JUnit XML'))
    .addOption(
      new Option('--timeout <duration>', 'stop the command after this long')
        .argParser(duration)
        .default(30 * 60_000, '30m'),
    )
    .addOption(
      new Option('--integrator <name>', 'AGENTOS_INTEGRATOR for the command')
        .env('AGENTOS_INTEGRATOR')
        .default('check-client'),
    )
    .addOption(
      new Option('--min-backoff <duration>', 'a retry sooner than this after a 5xx has no backoff')
        .argParser(duration)
        .default(100, '100ms'),
    )
    .addOption(
      new Option('--max-retries <count>', 'more retries of one request than this is unbounded')
        .argParser(count)
        .default(10),
    )
    .addOption(
      new Option('--adversary-share <share>', "share of the key's budget the other client takes")
        .argParser(share)
        .default(0.3),
    )
    .exitOverride()
    .helpOption('-h, --help', 'this help');
}

interface ParsedRun {
  readonly settings: CheckClientSettings;
  readonly json: string | undefined;
  readonly junit: string | undefined;
}

function parseRun(flagArgs: readonly string[], command: readonly string[], io: CheckClientIo): ParsedRun | number {
  const cli = buildCheckCommand();
  cli.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    cli.parse([...flagArgs], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' ? 0 : 2;
    throw error;
  }
  if (command.length === 0) {
    io.stderr('error: name the command to check after --, e.g. check-client -- node my-sync.js\n');
    return 2;
  }
  const flags = cli.opts();
  const mock: MockOptionsInput = {
    ...settingsFromFlags(flags).mock,
    quiet: true,
  };
  const configuredKeys = (flags.apiKey as string[] | undefined) ?? [];
  const givenKeys = configuredKeys.map((entry) => entry.split(':')[0] as string);
  const apiKey = givenKeys[0] ?? `check-client-${randomBytes(6).toString('hex')}`;
  // Without --api-key the mock accepts only the key it hands the command, so a missing key shows as 401.
  const resolved = { ...mock, apiKeys: givenKeys.length > 0 ? configuredKeys : [apiKey] };
  try {
    const options = resolveOptions(resolved);
    if (options.clockFrozen) {
      io.stderr('error: --clock-frozen: check-client times requests, so the clock must run\n');
      return 2;
    }
  } catch (error) {
    if (error instanceof OptionsError) {
      io.stderr(`error: ${error.flag ?? error.option}: ${error.reason}\n`);
      return 2;
    }
    throw error;
  }
  const settings: CheckClientSettings = {
    mock: resolved,
    apiKey,
    integrator: flags.integrator as string,
    command,
    adversarial: flags.adversarial === true,
    timeoutMs: flags.timeout as number,
    minBackoffMs: flags.minBackoff as number,
    maxRetries: flags.maxRetries as number,
    adversaryShare: flags.adversaryShare as number,
  };
  return { settings, json: flags.json as string | undefined, junit: flags.junit as string | undefined };
}

/** `agentos-contacts check-client [flags] -- COMMAND [ARGS...]`: 0 when every graded check passes, 1 when one fails, 2 on bad use. */
export async function runCheckClientCommand(argv: readonly string[], io: CheckClientIo = PROCESS_IO): Promise<number> {
  const split = argv.indexOf('--');
  const flagArgs = split === -1 ? argv : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const parsed = parseRun(flagArgs, command, io);
  if (typeof parsed === 'number') return parsed;
  const { settings, json, junit } = parsed;
  let report;
  try {
    report = await checkClient(settings, io.command);
  } catch (error) {
    if (error instanceof JournalOverflowError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  io.stdout(terminalReport(report));
  if (json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  if (junit) writeFileSync(junit, junitReport(report));
  return report.passed ? 0 : 1;
}
