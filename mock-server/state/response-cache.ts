/** How many recently requested keys the cache remembers, to admit a body on its second request. */
const REMEMBERED_KEYS = 4096;

/**
 * Recently served response bodies, bounded by bytes. Responses are pure functions of the request
 * and the mock's state, so a repeated page is sent from here without being generated, validated
 * or serialised again. `invalidate()` drops everything when state changes.
 *
 * A body is admitted on its key's second request: a walk through a big data set asks for each
 * page once, and copying every page into a cache buffer only to evict it would fill the native
 * heap with garbage (resident memory measured 30-40 MB higher).
 */
export class ResponseCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly requested = new Set<string>();
  private bytes = 0;

  /** Notes a request for `key`; true when it was requested recently before, so worth caching. */
  isRepeat(key: string): boolean {
    if (this.maxBytes === 0) return false;
    if (this.requested.has(key)) return true;
    this.requested.add(key);
    if (this.requested.size > REMEMBERED_KEYS) {
      const oldest = this.requested.values().next().value as string;
      this.requested.delete(oldest);
    }
    return false;
  }

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const body = this.entries.get(key);
    if (body) {
      // Re-insert to mark as most recently used (a Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, body);
    }
    return body;
  }

  set(key: string, body: Buffer): void {
    if (body.length > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldestKey);
      this.bytes -= oldest.length;
    }
  }

  invalidate(): void {
    this.entries.clear();
    this.requested.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
