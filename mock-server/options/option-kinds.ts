import { parseLatency, type LatencyRange } from '../behaviours/faults.js';
import { parseRateLimit } from '../behaviours/rate-limiter.js';
import { isClockStart } from '../behaviours/simulated-clock.js';
import { parseShortDuration } from './durations.js';
import type { RateLimit } from './mock-options.js';

/**
 * What kind of value an option takes: how its text (a flag or a MOCK_* variable) is read, and the
 * one check of its value, which resolveOptions runs for flags and for programmatic input alike.
 * `parse` and `check` report a sentence without the option's name; OptionsError adds it.
 */
export interface OptionKind<T> {
  /** The placeholder in --help (`<share>`); undefined for an on/off switch. */
  readonly argument: string | undefined;
  /** Reads the text of a flag or variable; throws a ValueError naming what is expected. */
  readonly parse: (text: string, previous: T | undefined) => T;
  /** Why a value is out of range, or undefined when it is fine. */
  readonly check: (value: T) => string | undefined;
}

/** A value that does not fit its option; the option's name is added by whoever catches it. */
export class ValueError extends Error {}

function fail(message: string): never {
  throw new ValueError(message);
}

export function integer(min: number, max: number, argument = '<number>'): OptionKind<number> {
  const check = (value: number) =>
    Number.isSafeInteger(value) && value >= min && value <= max
      ? undefined
      : `must be a whole number from ${min} to ${max}, got ${value}`;
  return {
    argument,
    parse: (text) => (/^\d+$/.test(text.trim()) ? Number(text) : fail(`must be a whole number from ${min} to ${max}`)),
    check,
  };
}

export function share(max = 1): OptionKind<number> {
  return {
    argument: '<share>',
    parse: (text) =>
      text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : fail(`must be a number from 0 to ${max}`),
    check: (value) =>
      Number.isFinite(value) && value >= 0 && value <= max
        ? undefined
        : `must be a number from 0 to ${max}, got ${value}`,
  };
}

export function choice<T extends string>(values: readonly T[], argument = '<mode>'): OptionKind<T> {
  const isChoice = (value: unknown): value is T => values.includes(value as T);
  const expected = `must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
  return {
    argument,
    parse: (text) => (isChoice(text) ? text : fail(expected)),
    check: (value) => (isChoice(value) ? undefined : `${expected}, got ${String(value)}`),
  };
}

export function text(argument: string, pattern?: { readonly test: RegExp; readonly says: string }): OptionKind<string> {
  const check = (value: string) => {
    if (value.length === 0) return 'cannot be empty';
    if (pattern && !pattern.test.test(value)) return `"${value}" ${pattern.says}`;
    return undefined;
  };
  return { argument, parse: (value) => value, check };
}

/**
 * A repeatable option: each use adds values; its MOCK_* twin holds a list split by `separator`
 * (commas, or white space for API keys, which carry commas in their tiers).
 */
export function list(
  argument: string,
  separator: RegExp,
  item: OptionKind<string>,
  blanks: 'refuse' | 'skip' = 'refuse',
): OptionKind<readonly string[]> {
  return {
    argument,
    parse: (value, previous) => {
      const parts = value.split(separator).map((part) => part.trim());
      const values = parts.filter((part) => part !== '');
      if (values.length === 0 || (blanks === 'refuse' && values.length !== parts.length)) fail('must not be empty');
      return [...(previous ?? []), ...values];
    },
    check: (values) => values.map((value) => item.check(value)).find((reason) => reason !== undefined),
  };
}

/** An on/off flag: given alone it is on; its MOCK_* twin reads true/false (and 1/0). */
export const onOff: OptionKind<boolean> = {
  argument: undefined,
  parse: (value) => {
    if (['true', '1', ''].includes(value)) return true;
    if (['false', '0'].includes(value)) return false;
    return fail('must be true or false');
  },
  check: (value) => (typeof value === 'boolean' ? undefined : `must be true or false, got ${String(value)}`),
};

export const rateLimit: OptionKind<RateLimit> = {
  argument: '<requests/window>',
  parse: (value) => parseRateLimit(value, parseShortDuration) ?? fail('must be REQUESTS/WINDOW, e.g. 50/60s or 5/2s'),
  check: ({ requests, windowMs }) =>
    Number.isInteger(requests) &&
    requests >= 1 &&
    requests <= 1_000_000 &&
    Number.isInteger(windowMs) &&
    windowMs >= 1 &&
    windowMs <= 86_400_000
      ? undefined
      : `must be 1 to 1000000 requests in a window of 1 ms to 24 h, got ${requests}/${windowMs}ms`,
};

export function duration(maxMs: number): OptionKind<number> {
  return {
    argument: '<duration>',
    parse: (value) => parseShortDuration(value) ?? fail('must be a duration such as 500ms, 30s, 5m or 1h'),
    check: (value) =>
      Number.isInteger(value) && value >= 0 && value <= maxMs
        ? undefined
        : `must be from 0 to ${maxMs} ms, got ${value}`,
  };
}

export const latency: OptionKind<LatencyRange> = {
  argument: '<delay>',
  parse: (value) => parseLatency(value) ?? fail('must be a delay such as 150ms or a range such as 100-400ms'),
  check: ({ minMs, maxMs }) =>
    minMs >= 0 && minMs <= maxMs && maxMs <= 60_000
      ? undefined
      : `must be a range within 0-60000 ms, got ${minMs}-${maxMs}`,
};

export const clockStart: OptionKind<string> = {
  argument: '<instant>',
  parse: (value) =>
    isClockStart(value) ? value : fail('must be an ISO instant such as 2026-01-01T09:00:00Z, or real'),
  check: (value) =>
    isClockStart(value) ? undefined : `must be an ISO instant (2026-01-01T09:00:00Z) or real, got ${value}`,
};

export const mebibytes: OptionKind<number> = {
  ...integer(0, 4096, '<mib>'),
  check: (value) =>
    Number.isFinite(value) && value >= 0 && value <= 4096 ? undefined : `must be from 0 to 4096, got ${value}`,
};
