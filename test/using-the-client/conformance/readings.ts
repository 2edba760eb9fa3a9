import { OPTION_TABLE } from '../../../mock-server/options/option-table.js';
import type { MockOptionsInput } from '../../../mock-server/options/mock-options.js';

/**
 * One reading of agentOS where its public material is silent: a mock switch set to a value other
 * than its default (domain.md 1, 6, 11, 12). The default of every switch is the mock's default
 * run, so each value of each switch is covered once: by that run or by its own row here.
 */
export interface Reading {
  /** The command-line flag, without dashes, exactly as domain.md names it. */
  readonly flag: string;
  /** The value as it would be typed after the flag. */
  readonly value: string;
}

export const READINGS: readonly Reading[] = [
  { flag: 'withheld', value: 'omit' },
  { flag: 'nulls', value: 'absent' },
  { flag: 'errors', value: 'problem' },
  { flag: 'unpaged', value: 'envelope' },
  { flag: 'retry-after', value: 'send' },
  { flag: 'over-max', value: 'clamp' },
  { flag: 'dates', value: 'utc' },
  { flag: 'unlisted-enums', value: '0.3' },
];

/** Whether the mock's option table declares the flag. */
export function isDeclared(flag: string): boolean {
  return OPTION_TABLE.some((spec) => spec.flag === flag);
}

/**
 * The mock options of a reading, built the way the CLI builds them: the flag's own parser, into
 * the field the option table names. So the test follows the mock's field names, whatever they are.
 */
export function optionsOf(reading: Reading): MockOptionsInput {
  const spec = OPTION_TABLE.find((candidate) => candidate.flag === reading.flag);
  if (!spec) throw new Error(`the mock declares no --${reading.flag}`);
  if (spec.field.includes('.')) throw new Error(`--${reading.flag} sets ${spec.field}: not a top-level option`);
  const parse = spec.kind.parse as (text: string, previous: unknown) => unknown;
  return { [spec.field]: parse(reading.value, undefined) } as MockOptionsInput;
}

export const readingName = (reading: Reading): string => `--${reading.flag} ${reading.value}`;
