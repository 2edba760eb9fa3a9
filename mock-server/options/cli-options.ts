import { Command, InvalidArgumentError, Option } from 'commander';
import type { TlsFlags } from '../cli/tls.js';
import { DEFAULT_OPTIONS, type MockOptionsInput } from './mock-options.js';
import { ValueError } from './option-kinds.js';
import { environmentName, OPTION_TABLE, type OptionSpec } from './option-table.js';

/** Commander's key for a flag (`consent-rate` -> `consentRate`). */
function attributeName(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function valueAt(field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], DEFAULT_OPTIONS);
}

/** The default as --help and the README show it. */
export function defaultText(spec: OptionSpec): string {
  if (spec.defaultText !== undefined) return spec.defaultText;
  const value = valueAt(spec.field);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function commanderOption(spec: OptionSpec): Option {
  const { argument, parse } = spec.kind;
  // A switch takes an optional value, so that its MOCK_* twin is read too: MOCK_QUIET=false is not quiet.
  const flags = `--${spec.flag} ${argument ?? '[true|false]'}`;
  const option = new Option(flags, `${spec.description} (default: ${defaultText(spec)})`).env(
    environmentName(spec.flag),
  );
  if (argument === undefined) option.preset('true');
  return option.argParser((text: string, previous: unknown) => wrap(parse, text, previous as never));
}

function wrap(parse: OptionSpec['kind']['parse'], text: string, previous: never): unknown {
  try {
    return parse(text, previous);
  } catch (error) {
    if (error instanceof ValueError) throw new InvalidArgumentError(`${error.message}.`);
    throw error;
  }
}

/** The mock's command line, built from the option table: every flag with its MOCK_* twin. */
export function buildCommand(name = 'agentos-contacts'): Command {
  const command = new Command(name).description(
    "A deterministic, consent-aware stand-in for agentOS's V4 Contacts API.",
  );
  for (const spec of OPTION_TABLE) command.addOption(commanderOption(spec));
  return command;
}

/** What the command line asked for: the mock's options, and the listening server's own (TLS). */
export interface CommandLineSettings {
  readonly mock: MockOptionsInput;
  readonly serve: TlsFlags;
}

/** Commander's parsed flags as MockOptions input (only what was given) and the server's TLS flags. */
export function settingsFromFlags(flags: Record<string, unknown>): CommandLineSettings {
  const mock: Record<string, unknown> = {};
  const serve: Record<string, unknown> = {};
  for (const spec of OPTION_TABLE) {
    const value = flags[attributeName(spec.flag)];
    if (value === undefined) continue;
    const [head, ...rest] = spec.field.split('.') as [string, ...string[]];
    if (head === 'serve') serve[rest.join('.')] = value;
    else if (rest.length === 0) mock[head] = value;
    else mock[head] = { ...(mock[head] as object | undefined), [rest.join('.')]: value };
  }
  return { mock: mock as MockOptionsInput, serve: serve as TlsFlags };
}
