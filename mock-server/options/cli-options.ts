import { Command, InvalidArgumentError, Option } from 'commander';
import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { parseShortDuration } from './durations.js';
import { parseLatency, type LatencyRange } from '../behaviours/faults.js';
import { parseRateLimit } from '../behaviours/rate-limiter.js';
import { isClockStart } from '../behaviours/simulated-clock.js';
import {
  DEFAULT_OPTIONS,
  MAX_BRANCHES,
  MAX_RECORDS_PER_TYPE,
  type MockOptionsInput,
  type Profile,
  type RateLimit,
  type WithheldMode,
} from './mock-options.js';
import { TLS_MODES } from '../cli/tls.js';

function integer(min: number, max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

function share(max = 1) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max) {
      throw new InvalidArgumentError(`must be a number from 0 to ${max}.`);
    }
    return value;
  };
}

/**
 * Repeatable flags collect every use; their environment twins take a comma-separated list.
 * Commander hands the default in as `previous` on first use; a flag given replaces the default.
 */
function collector(defaults: readonly string[]) {
  return (text: string, previous: readonly string[]): string[] => {
    const values = text.split(',').map((value) => value.trim());
    if (values.some((value) => value === '')) throw new InvalidArgumentError('must not be empty.');
    return [...(previous === defaults ? [] : previous), ...values];
  };
}

const NONE: readonly string[] = [];

/** API keys may carry tiers after a colon (`KEY:contacts,properties`), so whitespace separates them in the environment. */
function collectKeys(text: string, previous: readonly string[]): string[] {
  const values = text.split(/\s+/).filter((value) => value !== '');
  if (values.length === 0) throw new InvalidArgumentError('must not be empty.');
  return [...(previous === NONE ? [] : previous), ...values];
}

function rateLimit(text: string): RateLimit {
  const parsed = parseRateLimit(text, parseShortDuration);
  if (!parsed) throw new InvalidArgumentError('must be REQUESTS/WINDOW, e.g. 50/60s or 5/2s.');
  return parsed;
}

function duration(text: string): number {
  const milliseconds = parseShortDuration(text);
  if (milliseconds === undefined) throw new InvalidArgumentError('must be a duration such as 500ms, 30s, 5m or 1h.');
  return milliseconds;
}

function latency(text: string): LatencyRange {
  const range = parseLatency(text);
  if (!range) throw new InvalidArgumentError('must be a delay such as 150ms or a range such as 100-400ms.');
  return range;
}

function clock(text: string): string {
  if (!isClockStart(text))
    throw new InvalidArgumentError('must be an ISO instant such as 2026-01-01T09:00:00Z, or real.');
  return text;
}

function profile(text: string): Profile {
  if (text !== 'none' && text !== 'agentos') throw new InvalidArgumentError('must be none or agentos.');
  return text;
}

function withheld(text: string): WithheldMode {
  if (text !== 'redact' && text !== 'omit') throw new InvalidArgumentError('must be redact or omit.');
  return text;
}

/** The flag of each MockOptions field, so a setting error names what the user typed. */
export const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  port: '--port',
  host: '--host',
  seed: '--seed',
  consentRate: '--consent-rate',
  branches: '--branches',
  multiRoleShare: '--multi-role-share',
  withheld: '--withheld',
  authorisedIntegrators: '--authorised-integrator',
  apiKeys: '--api-key',
  shortNames: '--short-name',
  responseCacheMb: '--response-cache-mb',
  profile: '--profile',
  rateLimit: '--rate-limit',
  blockAfter: '--block-after',
  blockForMs: '--block-for',
  latency: '--latency',
  errorRate: '--error-rate',
  clock: '--clock',
  clockFrozen: '--clock-frozen',
  consentChurn: '--consent-churn',
  journalSize: '--journal-size',
  adminToken: '--admin-token',
  stateFile: '--state-file',
  store: '--store',
  storePrefix: '--store-prefix',
  ...Object.fromEntries(CONTACT_TYPE_KEYS.map((type) => [`counts.${type}`, `--${CONTACT_TYPES[type].flagName}`])),
  ...Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => [`consentRates.${type}`, `--consent-rate-${CONTACT_TYPES[type].flagName}`]),
  ),
};

function envName(flag: string): string {
  return `MOCK_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function flagOption(flag: string, argument: string, description: string): Option {
  return new Option(`--${flag} ${argument}`, description).env(envName(flag));
}

/** The `agentos-contacts-mock` command line: every flag with its `MOCK_*` twin and default. */
export function buildCommand(): Command {
  const defaults = DEFAULT_OPTIONS;
  const command = new Command('agentos-contacts-mock')
    .description("A deterministic, consent-aware stand-in for agentOS's V4 Contacts API.")
    .addOption(
      flagOption('port', '<number>', 'port to listen on (0 picks a free one)')
        .argParser(integer(0, 65_535))
        .default(defaults.port),
    )
    .addOption(flagOption('host', '<address>', 'interface to bind (0.0.0.0 in containers)').default(defaults.host))
    .addOption(
      flagOption('seed', '<number>', 'data seed: the same seed and settings give byte-identical responses')
        .argParser(integer(0, 2 ** 32 - 1))
        .default(defaults.seed),
    )
    .addOption(
      flagOption('consent-rate', '<share>', 'share of people who consented to Third Party Marketing')
        .argParser(share())
        .default(defaults.consentRate),
    );
  for (const type of CONTACT_TYPE_KEYS) {
    const name = CONTACT_TYPES[type].flagName;
    command.addOption(
      flagOption(
        `consent-rate-${name}`,
        '<share>',
        `consent rate of people whose first role is ${name} (default: --consent-rate)`,
      ).argParser(share()),
    );
  }
  for (const type of CONTACT_TYPE_KEYS) {
    const name = CONTACT_TYPES[type].flagName;
    command.addOption(
      flagOption(name, '<count>', `${name} per agency`)
        .argParser(integer(0, MAX_RECORDS_PER_TYPE))
        .default(defaults.counts[type]),
    );
  }
  return command
    .addOption(
      flagOption('branches', '<count>', 'branches per agency')
        .argParser(integer(1, MAX_BRANCHES))
        .default(defaults.branches),
    )
    .addOption(
      flagOption('multi-role-share', '<share>', "share of each type's records whose person holds another role too")
        .argParser(share(0.9))
        .default(defaults.multiRoleShare),
    )
    .addOption(
      flagOption(
        'withheld',
        '<mode>',
        'records without consent: redact (personal fields absent) or omit (left out of lists)',
      )
        .argParser(withheld)
        .default(defaults.withheld),
    )
    .addOption(
      flagOption('authorised-integrator', '<name>', 'integrator that receives ConsentDetails (repeatable)')
        .argParser(collector(NONE))
        .default(NONE, 'none'),
    )
    .addOption(
      flagOption(
        'api-key',
        '<key[:tiers]>',
        'accepted API key, optionally with its tiers, e.g. abc:contacts,properties (repeatable; space-separated in the environment; none set accepts any non-empty key)',
      )
        .argParser(collectKeys)
        .default(NONE, 'any non-empty key'),
    )
    .addOption(
      flagOption('short-name', '<name>', 'agency short name served (repeatable)')
        .argParser(collector(defaults.shortNames))
        .default(defaults.shortNames),
    )
    .addOption(
      flagOption('response-cache-mb', '<mib>', 'memory for recently served responses (0 turns it off)')
        .argParser(integer(0, 4096))
        .default(defaults.responseCacheMb),
    )
    .addOption(
      flagOption(
        'tls',
        '<mode>',
        'self-signed: serve HTTPS with a certificate made at start-up (default: off)',
      ).choices(TLS_MODES),
    )
    .addOption(flagOption('tls-cert', '<file>', 'PEM certificate to serve HTTPS with (needs --tls-key)'))
    .addOption(flagOption('tls-key', '<file>', 'PEM private key of --tls-cert'))
    .addOption(
      flagOption('tls-dir', '<folder>', 'where --tls self-signed writes cert.pem (default: a new temp folder)'),
    )
    .addOption(new Option('--quiet', 'no request log').env('MOCK_QUIET').default(false))
    .addOption(
      flagOption(
        'profile',
        '<name>',
        'behaviour bundle: agentos = --rate-limit 50/60s, the block, and 80-300ms latency',
      )
        .argParser(profile)
        .default(defaults.profile),
    )
    .addOption(
      flagOption(
        'rate-limit',
        '<requests/window>',
        'rolling-window limit per API key, e.g. 50/60s (default: off)',
      ).argParser(rateLimit),
    )
    .addOption(
      flagOption('block-after', '<count>', 'requests a rate-limited key may still send before 403s')
        .argParser(integer(0, 1_000_000))
        .default(defaults.blockAfter),
    )
    .addOption(
      flagOption('block-for', '<duration>', 'how long a blocked key stays blocked')
        .argParser(duration)
        .default(defaults.blockForMs, '5m'),
    )
    .addOption(
      flagOption(
        'latency',
        '<delay>',
        'added delay per request: 150ms, or a range 100-400ms (default: none)',
      ).argParser(latency),
    )
    .addOption(
      flagOption('error-rate', '<share>', 'share of requests answered 503 (seeded, repeatable)')
        .argParser(share())
        .default(defaults.errorRate),
    )
    .addOption(
      flagOption('clock', '<instant>', 'where the simulated clock starts: an ISO instant, or real')
        .argParser(clock)
        .default(defaults.clock),
    )
    .addOption(
      new Option('--clock-frozen', 'the clock moves only through POST /__mock/clock')
        .env('MOCK_CLOCK_FROZEN')
        .default(false),
    )
    .addOption(
      flagOption('consent-churn', '<share>', 'share of people whose consent flips per simulated day')
        .argParser(share())
        .default(defaults.consentChurn),
    )
    .addOption(
      flagOption('journal-size', '<count>', 'requests the journal keeps')
        .argParser(integer(0, 1_000_000))
        .default(defaults.journalSize),
    )
    .addOption(flagOption('admin-token', '<token>', 'bearer token required on /__mock/ (default: none)'))
    .addOption(
      flagOption(
        'state-file',
        '<path>',
        'keeps custom field values and consent overrides across restarts (default: memory only)',
      ),
    )
    .addOption(
      flagOption(
        'store',
        '<url>',
        'where shared state lives: memory, or redis://[user:password@]HOST:PORT[/DB] (rediss:// for TLS) to share it between replicas',
      ).default(defaults.store),
    )
    .addOption(
      flagOption(
        'store-prefix',
        '<prefix>',
        'key namespace in the store (default: a hash of the settings that shape data and state)',
      ),
    );
}

type ParsedFlags = Record<string, unknown>;

function isOn(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

/** Commander's parsed flags as MockOptions input. */
export function optionsFromFlags(flags: ParsedFlags): MockOptionsInput {
  const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const counts: Partial<Record<ContactTypeKey, number>> = {};
  const consentRates: Partial<Record<ContactTypeKey, number>> = {};
  for (const type of CONTACT_TYPE_KEYS) {
    const name = camel(CONTACT_TYPES[type].flagName);
    counts[type] = flags[name] as number;
    const rate = flags[camel(`consent-rate-${CONTACT_TYPES[type].flagName}`)];
    if (rate !== undefined) consentRates[type] = rate as number;
  }
  return {
    port: flags.port as number,
    host: flags.host as string,
    seed: flags.seed as number,
    consentRate: flags.consentRate as number,
    consentRates,
    counts,
    branches: flags.branches as number,
    multiRoleShare: flags.multiRoleShare as number,
    withheld: flags.withheld as WithheldMode,
    authorisedIntegrators: flags.authorisedIntegrator as string[],
    apiKeys: flags.apiKey as string[],
    shortNames: flags.shortName as string[],
    responseCacheMb: flags.responseCacheMb as number,
    // Commander gives the env twin as a string: MOCK_QUIET=false must not mean quiet.
    quiet: isOn(flags.quiet),
    profile: flags.profile as Profile,
    rateLimit: flags.rateLimit as RateLimit | undefined,
    blockAfter: flags.blockAfter as number,
    blockForMs: flags.blockFor as number,
    latency: flags.latency as LatencyRange | undefined,
    errorRate: flags.errorRate as number,
    clock: flags.clock as string,
    clockFrozen: isOn(flags.clockFrozen),
    consentChurn: flags.consentChurn as number,
    journalSize: flags.journalSize as number,
    adminToken: flags.adminToken as string | undefined,
    stateFile: flags.stateFile as string | undefined,
    store: flags.store as string,
    storePrefix: flags.storePrefix as string | undefined,
  };
}
