import { Command, InvalidArgumentError, Option } from 'commander';
import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../fixtures/contact-types.js';
import {
  DEFAULT_OPTIONS,
  MAX_BRANCHES,
  MAX_RECORDS_PER_TYPE,
  type MockOptionsInput,
  type WithheldMode,
} from './options.js';

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
      flagOption('api-key', '<key>', 'accepted API key (repeatable; none set accepts any non-empty key)')
        .argParser(collector(NONE))
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
    .addOption(new Option('--quiet', 'no request log').env('MOCK_QUIET').default(false));
}

type ParsedFlags = Record<string, unknown>;

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
    quiet: flags.quiet === true || flags.quiet === 'true' || flags.quiet === '1',
  };
}
