import { createHash, createHmac, randomBytes } from 'node:crypto';
import { boundWarnings, MAX_WARNING_CHARS } from '../pipeline/query-warnings.js';

/** One request as the journal keeps it. */
export interface JournalEntry {
  /** When the request arrived (simulated clock). */
  readonly time: string;
  /** Milliseconds from arrival to the last byte of the answer (delays, waits and all). */
  readonly durationMs: number;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly status: number;
  /** See KeyView: a masked prefix for a caller with the admin token, otherwise a tag. */
  readonly key: string | null;
  readonly warnings: readonly string[];
  /** Set when the path, query or warnings were cut to the per-entry bound. */
  readonly truncated?: true;
}

export interface JournalFilter {
  readonly method?: string;
  readonly pathContains?: string;
  readonly status?: number;
  readonly key?: string;
  readonly since?: string;
  readonly limit?: number;
}

/**
 * How a key is shown. `masked` (first four characters) only to a caller holding the admin token;
 * `tag` (an HMAC under a secret drawn at start-up) tells keys apart but says nothing of any key.
 */
export type KeyView = 'masked' | 'tag';

/** Per-entry bounds: 629 unknown parameters made 15 KB entries and an 857 MiB journal. */
export const MAX_PATH_CHARS = 512;
export const MAX_QUERY_CHARS = 2048;
const MAX_VALUE_CHARS = 256;
/** What an entry costs beyond its texts (the object, time, method, status): a measured rough figure. */
const ENTRY_OVERHEAD_BYTES = 200;

interface Slot {
  readonly entry: Omit<JournalEntry, 'key'>;
  /** SHA-256 of the key: a filter by key compares it, and the key itself is never kept. */
  readonly keyHash: string | undefined;
  readonly masked: string | null;
  readonly tag: string | null;
  readonly bytes: number;
}

function maskKey(key: string): string {
  return key.length <= 4 ? '*'.repeat(key.length) : `${key.slice(0, 4)}${'*'.repeat(Math.min(12, key.length - 4))}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

/** The query's parameters while they fit MAX_QUERY_CHARS, each value cut to MAX_VALUE_CHARS. */
function boundQuery(query: Readonly<Record<string, unknown>>): { query: Record<string, unknown>; cutShort: boolean } {
  const kept: Record<string, unknown> = {};
  let used = 0;
  let cutShort = false;
  for (const [name, value] of Object.entries(query)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const size = Math.min(name.length, MAX_VALUE_CHARS) + Math.min(text.length, MAX_VALUE_CHARS);
    if (used + size > MAX_QUERY_CHARS) return { query: kept, cutShort: true };
    used += size;
    cutShort ||= name.length > MAX_VALUE_CHARS || text.length > MAX_VALUE_CHARS;
    kept[cut(name, MAX_VALUE_CHARS)] = text.length > MAX_VALUE_CHARS ? cut(text, MAX_VALUE_CHARS) : value;
  }
  return { query: kept, cutShort };
}

/**
 * The last requests, in a ring bounded twice: by count (`capacity`) and by bytes (`maxBytes`,
 * oldest dropped first), with each entry cut to a few KB. Keys are never kept: a filter by key
 * compares hashes.
 */
export class RequestJournal {
  private readonly slots: (Slot | undefined)[];
  private next = 0;
  private stored = 0;
  private bytes = 0;
  private readonly tagSecret = randomBytes(32);

  constructor(
    readonly capacity: number,
    readonly maxBytes = 16 * 1024 * 1024,
  ) {
    this.slots = new Array(capacity);
  }

  record(entry: Omit<JournalEntry, 'key' | 'truncated'>, key: string | undefined): void {
    if (this.capacity === 0) return;
    const { query, cutShort } = boundQuery(entry.query);
    const warnings = boundWarnings(entry.warnings, MAX_WARNING_CHARS);
    const truncated = cutShort || entry.path.length > MAX_PATH_CHARS || warnings.length !== entry.warnings.length;
    const bounded = {
      ...entry,
      path: cut(entry.path, MAX_PATH_CHARS),
      query,
      warnings,
      ...(truncated ? { truncated: true as const } : {}),
    };
    const bytes = ENTRY_OVERHEAD_BYTES + bounded.path.length + JSON.stringify(query).length + warnings.join('').length;
    if (this.stored === this.capacity) this.dropOldest();
    const slot: Slot = {
      entry: bounded,
      keyHash: key === undefined ? undefined : sha256(key),
      masked: key === undefined ? null : maskKey(key),
      tag:
        key === undefined ? null : `key-${createHmac('sha256', this.tagSecret).update(key).digest('hex').slice(0, 12)}`,
      bytes,
    };
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.capacity;
    this.stored++;
    this.bytes += bytes;
    while (this.bytes > this.maxBytes && this.stored > 1) this.dropOldest();
  }

  private dropOldest(): void {
    const oldest = (this.next - this.stored + this.capacity) % this.capacity;
    this.bytes -= this.slots[oldest]?.bytes ?? 0;
    this.slots[oldest] = undefined;
    this.stored--;
  }

  /** Matching entries, oldest first; `limit` keeps the newest ones. */
  list(filter: JournalFilter = {}, view: KeyView = 'tag'): JournalEntry[] {
    const result: JournalEntry[] = [];
    const sinceMs = filter.since === undefined ? undefined : Date.parse(filter.since);
    const keyHash = filter.key === undefined ? undefined : sha256(filter.key);
    for (let i = 0; i < this.stored; i++) {
      const slot = this.slots[(this.next - this.stored + i + this.capacity) % this.capacity];
      if (!slot) continue;
      const { entry } = slot;
      if (filter.method && entry.method !== filter.method.toUpperCase()) continue;
      if (filter.pathContains && !entry.path.includes(filter.pathContains)) continue;
      if (filter.status !== undefined && entry.status !== filter.status) continue;
      if (keyHash !== undefined && slot.keyHash !== keyHash) continue;
      if (sinceMs !== undefined && Date.parse(entry.time) < sinceMs) continue;
      const { truncated, ...fields } = entry as JournalEntry;
      result.push({ ...fields, key: view === 'masked' ? slot.masked : slot.tag, ...(truncated ? { truncated } : {}) });
    }
    return filter.limit === undefined ? result : result.slice(Math.max(0, result.length - filter.limit));
  }

  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
    this.stored = 0;
    this.bytes = 0;
  }

  get size(): number {
    return this.stored;
  }

  /** The bytes the kept entries are counted at (their texts plus a fixed overhead each). */
  get byteSize(): number {
    return this.bytes;
  }
}
