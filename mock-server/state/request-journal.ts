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
/**
 * What an entry costs beyond its path, query and warnings (its objects, time and the ring's slot):
 * measured on the heap: 10,000 entries of a plain GET hold 2.2 MB (4.4 MB before the key forms
 * were shared and an empty query was one object).
 */
const ENTRY_OVERHEAD_BYTES = 220;

/** How a key appears in entries, worked out once per key (SHA-256 and HMAC cost ~2 µs a request). */
interface KeyForms {
  /** SHA-256 of the key: a filter by key compares it, and the key itself is never kept in an entry. */
  readonly hash: string;
  readonly masked: string;
  readonly tag: string;
}

interface Slot {
  readonly entry: Omit<JournalEntry, 'key'>;
  /** Shared by every entry of one key; null for a request without one. */
  readonly key: KeyForms | null;
  readonly bytes: number;
}

/** Keys whose forms are remembered; past this the memo starts again (a flood of made-up keys). */
const REMEMBERED_KEYS = 256;
const NO_QUERY: Readonly<Record<string, unknown>> = Object.freeze({});

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
function boundQuery(query: Readonly<Record<string, unknown>>): {
  query: Readonly<Record<string, unknown>>;
  cutShort: boolean;
} {
  // Most requests have no query: one shared empty object, not one per entry.
  if (Object.keys(query).length === 0) return { query: NO_QUERY, cutShort: false };
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
  /** The raw key lives here only as a lookup, in memory, as long as the request that sent it did. */
  private readonly keyForms = new Map<string, KeyForms>();

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
    const path = cut(entry.path, MAX_PATH_CHARS);
    const bounded: Omit<JournalEntry, 'key'> = {
      time: entry.time,
      durationMs: entry.durationMs,
      method: entry.method,
      path,
      query,
      status: entry.status,
      warnings,
      ...(truncated ? { truncated: true as const } : {}),
    };
    const queryBytes = query === NO_QUERY ? 0 : JSON.stringify(query).length;
    let warningBytes = 0;
    for (const warning of warnings) warningBytes += warning.length;
    const bytes = ENTRY_OVERHEAD_BYTES + path.length + queryBytes + warningBytes;
    if (this.stored === this.capacity) this.dropOldest();
    const slot: Slot = { entry: bounded, key: key === undefined ? null : this.formsOf(key), bytes };
    this.slots[this.next] = slot;
    this.next = (this.next + 1) % this.capacity;
    this.stored++;
    this.bytes += bytes;
    while (this.bytes > this.maxBytes && this.stored > 1) this.dropOldest();
  }

  private formsOf(key: string): KeyForms {
    let forms = this.keyForms.get(key);
    if (forms) return forms;
    if (this.keyForms.size >= REMEMBERED_KEYS) this.keyForms.clear();
    const tag = `key-${createHmac('sha256', this.tagSecret).update(key).digest('hex').slice(0, 12)}`;
    forms = { hash: sha256(key), masked: maskKey(key), tag };
    this.keyForms.set(key, forms);
    return forms;
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
      if (keyHash !== undefined && slot.key?.hash !== keyHash) continue;
      if (sinceMs !== undefined && Date.parse(entry.time) < sinceMs) continue;
      const { truncated, ...fields } = entry as JournalEntry;
      const key = slot.key === null ? null : view === 'masked' ? slot.key.masked : slot.key.tag;
      result.push({ ...fields, key, ...(truncated ? { truncated } : {}) });
    }
    return filter.limit === undefined ? result : result.slice(Math.max(0, result.length - filter.limit));
  }

  clear(): void {
    this.slots.fill(undefined);
    this.keyForms.clear();
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
