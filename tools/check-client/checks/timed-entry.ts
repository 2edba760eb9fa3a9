import type { JournalEntry } from '../../../mock-server/state/request-journal.js';

/** A journal entry with its arrival and answer times in milliseconds (simulated clock). */
export interface TimedEntry {
  readonly entry: JournalEntry;
  readonly arrived: number;
  readonly answered: number;
}

export function timed(entry: JournalEntry): TimedEntry {
  const arrived = Date.parse(entry.time);
  return { entry, arrived, answered: arrived + entry.durationMs };
}

/** Oldest arrival first; the journal itself is in order of answers. */
export function byArrival(entries: readonly JournalEntry[]): TimedEntry[] {
  return entries.map(timed).sort((a, b) => a.arrived - b.arrived);
}

/** Method, path and query, so a retry of the same request can be told from the next page. */
export function requestIdentity(entry: JournalEntry): string {
  const query = Object.keys(entry.query)
    .sort()
    .map((name) => `${name}=${JSON.stringify(entry.query[name])}`)
    .join('&');
  return `${entry.method} ${entry.path}?${query}`;
}

/** Statuses that took a slot of the rate budget: everything the limiter let through. */
export function tookSlot(status: number): boolean {
  return status !== 429 && status !== 403 && status !== 401;
}
