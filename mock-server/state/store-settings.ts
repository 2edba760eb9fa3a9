import { createHash } from 'node:crypto';
import type { MockOptions } from '../options/mock-options.js';

/** Settings that belong to one process and never change what is stored, so replicas may differ in them. */
const PER_PROCESS: ReadonlySet<keyof MockOptions> = new Set([
  'port',
  'host',
  'quiet',
  'responseCacheMb',
  'adminToken',
  'stateFile',
  'store',
  'storePrefix',
] as const);

/** A `--store` value that cannot be used; the message says why in one line. */
export function storeUrlProblem(text: string): string | undefined {
  if (text === 'memory') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${redactUrl(text)}" is not memory or a redis://HOST:PORT[/DB] URL`;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return `"${url.protocol}" is not a store: use memory, redis://HOST:PORT[/DB] or rediss:// for TLS`;
  }
  if (url.hostname === '') return 'names no host: use redis://HOST:PORT[/DB]';
  const database = url.pathname.replace(/^\//, '');
  if (database !== '' && !/^\d{1,2}$/.test(database)) return `database "${database}" is not a number from 0 to 99`;
  if (url.search !== '' || url.hash !== '') return 'takes no query or fragment';
  return undefined;
}

/** The store URL as logs and /readyz show it: never its user or password. */
export function describeStore(text: string): string {
  if (text === 'memory') return 'memory';
  const url = new URL(text);
  const database = url.pathname.replace(/^\//, '') || '0';
  return `${url.protocol}//${url.hostname}:${url.port || '6379'}/${database}`;
}

function redactUrl(text: string): string {
  return text.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * The key prefix replicas share by default: a hash of every setting that shapes data or state, so
 * replicas of one configuration always meet and two configurations never collide by accident.
 * The braces are a Redis Cluster hash tag: every key of one mock lives in one slot, as its scripts need.
 */
export function defaultStorePrefix(options: MockOptions): string {
  const shaping = Object.fromEntries(
    Object.entries(options)
      .filter(([name]) => !PER_PROCESS.has(name as keyof MockOptions))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const hash = createHash('sha256').update(stableJson(shaping)).digest('hex').slice(0, 16);
  return `agentos-mock:{${hash}}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
