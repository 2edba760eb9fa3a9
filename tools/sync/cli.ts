import { Command, InvalidArgumentError, Option } from 'commander';
import { createContactsClient } from '../../src/create-contacts-client.js';
import { isApiError } from '../../src/errors.js';
import { parseDuration, parseRateLimit } from './rate-limit-text.js';
import type { PersonRolesMode } from './sqlite-store.js';
import { importWithOptional, MissingDependencyError } from '../optional-dependency.js';
import { runSync } from './sync-run.js';
// Type-only use of better-sqlite3, so importing the error does not need the optional peer.
import { SyncDatabaseError } from './sqlite-migrate.js';
import { lineProgress, type SyncProgress } from './sync-progress.js';
import type { RateLimit } from '../../src/client-options.js';

interface SyncFlags {
  baseUrl: string;
  apiKey: string;
  shortName: string;
  integrator?: string;
  db: string;
  pageSize: number;
  rateLimit: string;
  retryWait: number;
  personRoles: PersonRolesMode;
  progress: boolean;
}

function pageSize(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1000)
    throw new InvalidArgumentError('a whole number, 1 to 1000');
  return value;
}

function rateLimitText(text: string): string {
  if (!parseRateLimit(text)) throw new InvalidArgumentError('requests/window, e.g. 50/60s');
  return text;
}

function retryWait(text: string): number {
  const milliseconds = parseDuration(text);
  if (milliseconds === undefined) throw new InvalidArgumentError('a duration such as 60s, 2s or 500ms');
  return milliseconds;
}

function buildSyncCommand(): Command {
  return new Command('sync')
    .description(
      'Copy branches, every contact type branch by branch, and person roles into SQLite. ' +
        'Upserts by OID and ETag, erases the personal data of people who withdrew consent, ' +
        'stays within the rate limit, and resumes after an interrupt.',
    )
    .addOption(
      new Option('--base-url <url>', 'API base URL').env('AGENTOS_BASE_URL').default('https://live-api.letmc.com'),
    )
    .addOption(
      new Option('--api-key <key>', 'the agency key (prefer the environment)')
        .env('AGENTOS_API_KEY')
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--short-name <name>', 'the agency short name').env('AGENTOS_SHORTNAME').makeOptionMandatory(),
    )
    .addOption(new Option('--integrator <name>', 'your integration name').env('AGENTOS_INTEGRATOR'))
    .addOption(new Option('--db <path>', 'the SQLite database').env('AGENTOS_SYNC_DB').default('contacts.sqlite'))
    .addOption(new Option('--page-size <count>', 'records per request').argParser(pageSize).default(1000))
    .addOption(
      new Option('--rate-limit <n/window>', 'client-side limit')
        .env('AGENTOS_RATE_LIMIT')
        .argParser(rateLimitText)
        .default('50/60s'),
    )
    .addOption(
      new Option('--retry-wait <duration>', "pause after a 429 without Retry-After (agentOS's advice: a minute)")
        .env('AGENTOS_RETRY_WAIT')
        .argParser(retryWait)
        .default(60_000, '60s'),
    )
    .addOption(
      new Option('--person-roles <mode>', 'whose roles to read: multi, all or none')
        .choices(['multi', 'all', 'none'])
        .default('multi'),
    )
    .option('--no-progress', 'plain log lines even on a terminal')
    .action(async (flags: SyncFlags) => {
      process.exitCode = await sync(flags);
    });
}

/** The progress bar needs cli-progress; without it the plain log lines do, with a hint once. */
async function terminalProgressOrLines(rateLimit: RateLimit, slotsInUse: () => number): Promise<SyncProgress> {
  try {
    const { terminalProgress } = await importWithOptional(
      () => import('./terminal-progress.js'),
      'cli-progress',
      'the progress bar',
      '3',
    );
    return terminalProgress({ rateLimit, slotsInUse });
  } catch (error) {
    if (!(error instanceof MissingDependencyError)) throw error;
    process.stderr.write(`note: ${error.message}; showing plain progress lines\n`);
    return lineProgress();
  }
}

async function sync(flags: SyncFlags): Promise<number> {
  const rateLimit = parseRateLimit(flags.rateLimit) as NonNullable<ReturnType<typeof parseRateLimit>>;
  const client = createContactsClient({
    baseUrl: flags.baseUrl,
    apiKey: flags.apiKey,
    shortName: flags.shortName,
    integrator: flags.integrator,
    rateLimit,
    defaultRetryAfterMs: flags.retryWait,
  });
  let SqliteStore;
  try {
    ({ SqliteStore } = await importWithOptional(
      () => import('./sqlite-store.js'),
      'better-sqlite3',
      'agentos-contacts sync',
      '12',
    ));
  } catch (error) {
    if (!(error instanceof MissingDependencyError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  const progress =
    flags.progress && process.stderr.isTTY
      ? await terminalProgressOrLines(rateLimit, () => client.limiter.status().inUse)
      : lineProgress();
  let store;
  try {
    store = new SqliteStore(flags.db);
  } catch (error) {
    if (!(error instanceof SyncDatabaseError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  const { from, to } = store.migration;
  if (from > 0 && from < to) progress.log(`${flags.db}: sync schema ${from} brought up to ${to}`);
  // Ctrl-C stops between requests; every page already written is whole, with its cursor.
  const controller = new AbortController();
  const interrupt = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await runSync({
      client,
      store,
      pageSize: flags.pageSize,
      personRoles: flags.personRoles,
      signal: controller.signal,
      progress,
    });
    return 0;
  } catch (error) {
    progress.stop();
    if (controller.signal.aborted) {
      process.stderr.write(`interrupted: ${flags.db} is consistent; run the same command again to resume\n`);
      return 130;
    }
    process.stderr.write(`error: ${isApiError(error) || error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    progress.stop();
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    store.close();
  }
}

/** `agentos-contacts sync ...`: argv holds the subcommand's own arguments (after `sync`). */
export async function runSyncCommand(argv: readonly string[]): Promise<number> {
  await buildSyncCommand().parseAsync(['node', 'agentos-contacts sync', ...argv]);
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
