import { createHash } from 'node:crypto';
import type { JournalEntry, JournalFilter, KeyView } from './request-journal.js';
import type { JournalRecord } from './state-store.js';

/**
 * Journal entries as the Redis store keeps them: in a list capped at the journal size, each entry
 * at most ENTRY_MAX_BYTES, so the list is bounded in count and in bytes. The key is kept masked,
 * and hashed for filtering: no replica ever writes a key to Redis in clear.
 */
export const ENTRY_MAX_BYTES = 4096;

interface StoredEntry extends JournalEntry {
  readonly keyHash: string | null;
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

function maskKey(key: string): string {
  return key.length <= 4 ? '*'.repeat(key.length) : `${key.slice(0, 4)}${'*'.repeat(Math.min(12, key.length - 4))}`;
}

/** One entry as JSON, its query dropped (and said so) when the entry would pass the bound. */
export function encodeEntry(entry: JournalRecord, key: string | undefined): string {
  const stored: StoredEntry = {
    ...entry,
    key: key === undefined ? null : maskKey(key),
    keyHash: key === undefined ? null : keyHash(key),
  };
  const text = JSON.stringify(stored);
  if (Buffer.byteLength(text) <= ENTRY_MAX_BYTES) return text;
  const names = Object.keys(entry.query).length;
  const trimmed = {
    ...stored,
    path: stored.path.slice(0, 1024),
    query: { '(left out)': `${names} parameters, too large to keep` },
    warnings: stored.warnings.slice(0, 3).map((warning) => warning.slice(0, 256)),
  };
  return JSON.stringify(trimmed);
}

/** Matching entries, oldest first, as the in-memory journal answers (`limit` keeps the newest). */
export function filterEntries(texts: readonly string[], filter: JournalFilter, view: KeyView = 'tag'): JournalEntry[] {
  const wantedHash = filter.key === undefined ? undefined : keyHash(filter.key);
  const sinceMs = filter.since === undefined ? undefined : Date.parse(filter.since);
  const result: JournalEntry[] = [];
  for (const text of texts) {
    const { keyHash: hash, ...entry } = JSON.parse(text) as StoredEntry;
    if (filter.method && entry.method !== filter.method.toUpperCase()) continue;
    if (filter.pathContains && !entry.path.includes(filter.pathContains)) continue;
    if (filter.status !== undefined && entry.status !== filter.status) continue;
    if (wantedHash !== undefined && hash !== wantedHash) continue;
    if (sinceMs !== undefined && Date.parse(entry.time) < sinceMs) continue;
    // Without the admin token a key is only a tag (from its hash): it tells keys apart, names none.
    result.push(view === 'masked' ? entry : { ...entry, key: hash === null ? null : `key-${hash.slice(0, 12)}` });
  }
  return filter.limit === undefined ? result : result.slice(Math.max(0, result.length - filter.limit));
}
