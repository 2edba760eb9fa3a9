import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../mock-server/options/mock-options.js';
import { defaultStorePrefix, describeStore, storeUrlProblem } from '../../mock-server/state/store-settings.js';

describe('the default store prefix', () => {
  const base = defaultStorePrefix(resolveOptions({}));

  it('is a Redis Cluster hash tag, so every key of one mock lives in one slot', () => {
    expect(base).toMatch(/^agentos-mock:\{[0-9a-f]{16}\}$/);
  });

  it.each([
    ['seed', { seed: 2 }],
    ['agencies', { shortNames: ['demo', 'acme'] }],
    ['counts', { counts: { tenants: 10 } }],
    ['consent rate', { consentRate: 0.5 }],
    ['rate limit', { rateLimit: { requests: 5, windowMs: 1000 } }],
    ['block', { blockAfter: 3 }],
    ['clock', { clock: '2027-01-01T00:00:00Z' }],
    ['journal size', { journalSize: 5 }],
  ])('changes with a setting that shapes data or state: %s', (_name, input) => {
    expect(defaultStorePrefix(resolveOptions(input))).not.toBe(base);
  });

  it.each([
    ['port', { port: 5000 }],
    ['host', { host: '0.0.0.0' }],
    ['quiet', { quiet: true }],
    ['response cache', { responseCacheMb: 0 }],
    ['admin token', { adminToken: 'secret' }],
    ['store', { store: 'redis://127.0.0.1:6379' }],
  ])('stays the same across per-process settings, so replicas meet: %s', (_name, input) => {
    expect(defaultStorePrefix(resolveOptions(input))).toBe(base);
  });
});

describe('store URLs', () => {
  it.each(['memory', 'redis://h:6379', 'rediss://user:pw@h:6380/2', 'redis://h'])('%s is usable', (url) => {
    expect(storeUrlProblem(url)).toBeUndefined();
  });

  it('are shown without user or password', () => {
    expect(describeStore('rediss://user:pw@cache.internal:6380/2')).toBe('rediss://cache.internal:6380/2');
    expect(describeStore('redis://h')).toBe('redis://h:6379/0');
  });

  it('a bad one is an options error naming --store, never its password', () => {
    expect(() => resolveOptions({ store: 'redis://u:hunter2@h:70000' })).toThrow(/^store: /);
    expect(() => resolveOptions({ store: 'redis://u:hunter2@h:70000' })).not.toThrow(/hunter2/);
  });
});
