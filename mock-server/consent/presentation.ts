import type { NullsMode } from '../options/mock-options.js';

/**
 * How a record reaches the reader (`--nulls`). The data set writes every property of the schema,
 * null when empty or withheld (Json.NET's habit, the default); `absent` leaves such properties
 * out. A copy rather than deleting keys keeps V8's fast object shapes for JSON serialisation.
 */
export function presentNulls<T extends object>(record: T, nulls: NullsMode): T {
  if (nulls === 'null') return record;
  const copy: Record<string, unknown> = {};
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== null) copy[key] = value;
  }
  return copy as T;
}
