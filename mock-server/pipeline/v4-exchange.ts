import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { apiKeyOf, type KeyLocations } from './api-key-auth.js';

/**
 * What the journal needs of one /v4 request, typed: the query as read once, the key, and the
 * warnings the answer gives (set by the warnings stage).
 */
export interface V4Exchange {
  readonly rawQuery: Readonly<Record<string, unknown>>;
  readonly key: string | undefined;
  warnings: readonly string[];
}

/** Starts the exchange of a /v4 request from its headers and parsed query. */
export function beginExchange(
  locations: KeyLocations,
  headers: IncomingHttpHeaders,
  rawQuery: Readonly<Record<string, unknown>>,
): V4Exchange {
  return { rawQuery, key: apiKeyOf(locations, headers, rawQuery), warnings: [] };
}

/** A /v4 request as its stages read it: matched to an operation, its parameters decoded. */
export interface V4Request {
  /** The request itself, for its headers and the body parser (which sets `body` on it). */
  readonly incoming: IncomingMessage & { body?: unknown };
  /** The path as sent, without its query: the response cache keys by it. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly exchange: V4Exchange;
}
