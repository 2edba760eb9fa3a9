import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../mock-server/options/mock-options.js';
import { MemoryStore } from '../../mock-server/state/memory-store.js';
import { ENTRY_MAX_BYTES, encodeEntry, filterEntries } from '../../mock-server/state/redis-journal.js';

const quiet = (): void => undefined;

describe('the memory store', () => {
  it('answers the hot path synchronously: no promise per request', () => {
    const store = new MemoryStore(resolveOptions({ rateLimit: { requests: 1, windowMs: 1000 } }), quiet);
    const first = store.admit('key');
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toEqual({ outcome: 'allowed' });
    expect(store.admit('key')).toMatchObject({ outcome: 'limited' });
    expect(store.commit([{ kind: 'clock-advanced', milliseconds: 1000 }])).toBeUndefined();
    expect(store.admit('key')).toEqual({ outcome: 'allowed' });
  });

  it('changes only through commit, and every change but a journal clear moves the version', () => {
    const store = new MemoryStore(resolveOptions({}), quiet);
    const change = { kind: 'custom-field-value', agency: 'demo', objectId: 'o', fieldId: 'f', value: 'v' } as const;
    store.commit([change]);
    expect(store.live.customFieldValue('demo', 'o', 'f')).toBe('v');
    const version = store.live.version;
    store.commit([{ kind: 'journal-cleared' }]);
    expect(store.live.version).toBe(version);
    store.commit([{ kind: 'consent-set', agency: 'demo', personId: 'p', consented: false, day: 4 }]);
    expect(store.live.consentOverride('demo', 'p')).toEqual({ consented: false, day: 4 });
    expect(store.live.version).toBe(version + 1);
    store.commit([{ kind: 'reset' }]);
    expect(store.live.customFieldValue('demo', 'o', 'f')).toBeUndefined();
    expect(store.live.hasConsentOverrides('demo')).toBe(false);
  });
});

describe('the Redis journal entries', () => {
  const entry = {
    time: '2026-01-01T09:00:00.000Z',
    method: 'GET',
    path: '/v4/x',
    status: 200,
    warnings: [],
    durationMs: 0,
  };

  it('are bounded in bytes: a huge query is left out, and says so', () => {
    const query = Object.fromEntries(Array.from({ length: 629 }, (_, index) => [`unknown${index}`, 'x'.repeat(20)]));
    const text = encodeEntry({ ...entry, query }, 'secret-key-123');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(ENTRY_MAX_BYTES);
    expect(JSON.parse(text).query).toEqual({ '(left out)': '629 parameters, too large to keep' });
  });

  it('never hold the key in clear, yet filter by it', () => {
    const texts = [
      encodeEntry({ ...entry, query: {} }, 'secret-key-123'),
      encodeEntry({ ...entry, query: {} }, 'other'),
    ];
    expect(texts.join('')).not.toContain('secret-key-123');
    expect(filterEntries(texts, { key: 'secret-key-123' })).toHaveLength(1);
    expect(filterEntries(texts, { key: 'secret-key-12' })).toHaveLength(0);
    expect(filterEntries(texts, { limit: 1 })).toHaveLength(1);
  });
});
