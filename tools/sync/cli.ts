import { Command, InvalidArgumentError, Option } from 'commander';
import { createContactsClient } from '../../src/create-contacts-client.js';
import { isApiError } from '../../src/errors.js';
import { parseRateLimit } from './rate-limit-text.js';
import { SqliteStore, type PersonRolesMode } from './sqlite-store.js';
import { runSync } from './sync-run.js';
import { lineProgress, terminalProgress } from './terminal-progress.js';

interface SyncFlags {
  baseUrl: string;
  apiKey: string;
  shortName: string;
  integrator?: string;
  db: string;
  pageSize: number;
  rateLimit: string;
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
      new Option('--person-roles <mode>', 'whose roles to read: multi, all or none')
        .choices(['multi', 'all', 'none'])
        .default('multi'),
    )
    .option('--no-progress', 'plain log lines even on a terminal')
    .action(async (flags: SyncFlags) => {
      process.exitCode = await sync(flags);
    });
}

async function sync(flags: SyncFlags): Promise<number> {
  const rateLimit = parseRateLimit(flags.rateLimit) as NonNullable<ReturnType<typeof parseRateLimit>>;
  const client = createContactsClient({
    baseUrl: flags.baseUrl,
    apiKey: flags.apiKey,
    shortName: flags.shortName,
    integrator: flags.integrator,
    rateLimit,
  });
  const progress =
    flags.progress && process.stderr.isTTY
      ? terminalProgress({ rateLimit, slotsInUse: () => client.limiter.status().inUse })
      : lineProgress();
  const store = new SqliteStore(flags.db);
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
