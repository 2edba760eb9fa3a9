// What a string looks like, as a label: the only thing drift keeps of a string value.

export type StringFormat =
  | 'date-time-offset'
  | 'date-time-local'
  | 'date'
  | 'agentos-oid'
  | 'uk-postcode'
  | 'email'
  | 'uri'
  | 'integer-string'
  | 'number-string'
  | 'empty'
  | 'text';

const RULES: ReadonlyArray<readonly [StringFormat, RegExp]> = [
  ['date-time-offset', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/],
  ['date-time-local', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  // agentOS's opaque object IDs: 16 lower-case hex digits in four groups.
  ['agentos-oid', /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/],
  ['uk-postcode', /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i],
  ['email', /^[^@\s]+@[^@\s]+\.[^@\s]+$/],
  ['uri', /^(https?:\/\/|urn:)\S+$/i],
  ['integer-string', /^-?\d+$/],
  ['number-string', /^-?\d+\.\d+$/],
  ['empty', /^$/],
];

export function classifyString(value: string): StringFormat {
  for (const [format, pattern] of RULES) if (pattern.test(value)) return format;
  return 'text';
}

/**
 * Which observed formats a contract `format` accepts. A date-time with or without an offset both
 * fit `date-time`: which one the provider writes is a reading (`--dates`), not drift.
 */
const ACCEPTS: Readonly<Record<string, readonly StringFormat[]>> = {
  'date-time': ['date-time-offset', 'date-time-local'],
  date: ['date'],
  email: ['email'],
  uri: ['uri'],
};

/** undefined when the contract format is one drift does not judge (it then only reports what it saw). */
export function formatFits(contractFormat: string | undefined, observed: StringFormat): boolean | undefined {
  if (contractFormat === undefined) return undefined;
  const accepted = ACCEPTS[contractFormat];
  if (!accepted) return undefined;
  // An empty string is how some providers write "no value"; it is not a format claim.
  return observed === 'empty' || accepted.includes(observed);
}

/** The contract format that describes an observed string format, for the overlay. */
export function contractFormatFor(observed: StringFormat): string | undefined {
  if (observed === 'date-time-offset' || observed === 'date-time-local') return 'date-time';
  if (observed === 'date' || observed === 'email' || observed === 'uri') return observed;
  return undefined;
}
