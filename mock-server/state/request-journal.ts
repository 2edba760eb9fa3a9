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
  /** The key with all but its first four characters masked: enough to tell keys apart. */
  readonly key: string | null;
  readonly warnings: readonly string[];
}

export interface JournalFilter {
  readonly method?: string;
  readonly pathContains?: string;
  readonly status?: number;
  readonly key?: string;
  readonly since?: string;
  readonly limit?: number;
}

function maskKey(key: string): string {
  return key.length <= 4 ? '*'.repeat(key.length) : `${key.slice(0, 4)}${'*'.repeat(Math.min(12, key.length - 4))}`;
}

/**
 * The last `capacity` requests, in a ring: it never grows past its bound however long the mock
 * runs. Keys are masked in what it returns; a filter by key compares the full key.
 */
export class RequestJournal {
  private readonly entries: ({ entry: JournalEntry; fullKey: string | undefined } | undefined)[];
  private next = 0;
  private stored = 0;

  constructor(readonly capacity: number) {
    this.entries = new Array(capacity);
  }

  record(entry: Omit<JournalEntry, 'key'>, key: string | undefined): void {
    if (this.capacity === 0) return;
    this.entries[this.next] = { entry: { ...entry, key: key === undefined ? null : maskKey(key) }, fullKey: key };
    this.next = (this.next + 1) % this.capacity;
    this.stored = Math.min(this.capacity, this.stored + 1);
  }

  /** Matching entries, oldest first; `limit` keeps the newest ones. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const result: JournalEntry[] = [];
    const sinceMs = filter.since === undefined ? undefined : Date.parse(filter.since);
    for (let i = 0; i < this.stored; i++) {
      const slot = this.entries[(this.next - this.stored + i + this.capacity) % this.capacity];
      if (!slot) continue;
      const { entry, fullKey } = slot;
      if (filter.method && entry.method !== filter.method.toUpperCase()) continue;
      if (filter.pathContains && !entry.path.includes(filter.pathContains)) continue;
      if (filter.status !== undefined && entry.status !== filter.status) continue;
      if (filter.key !== undefined && fullKey !== filter.key) continue;
      if (sinceMs !== undefined && Date.parse(entry.time) < sinceMs) continue;
      result.push(entry);
    }
    return filter.limit === undefined ? result : result.slice(Math.max(0, result.length - filter.limit));
  }

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.stored = 0;
  }

  get size(): number {
    return this.stored;
  }
}
