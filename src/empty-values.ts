/**
 * agentOS's serializer (Json.NET) writes an empty or withheld value as `null`; other readings of
 * the API leave the property out. Both mean "no value": read record fields through these helpers
 * and code works whichever the server does.
 */
export type Empty = null | undefined;

/** Whether a value is there: neither `null` nor absent. Narrows `T | null | undefined` to `T`. */
export function isGiven<T>(value: T | Empty): value is T {
  return value !== null && value !== undefined;
}

/** The value, or `undefined` for `null` and absent alike (`record.WorkPhone ?? 'none'` then works). */
export function given<T>(value: T | Empty): T | undefined {
  return value === null ? undefined : value;
}

/** A record's properties with no `null` left in their types. */
export type WithoutNulls<T> = { [K in keyof T]: Exclude<T[K], null> };

/**
 * A shallow copy without the properties whose value is `null`: one shape for both readings, for
 * code that tests `'Field' in record` or stores the record. The input is not changed.
 */
export function withoutNulls<T extends object>(record: T): WithoutNulls<T> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null) copy[key] = value;
  return copy as WithoutNulls<T>;
}
