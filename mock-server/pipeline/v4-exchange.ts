import type { Request } from 'express';
import { apiKeyOf, type KeyLocations } from './api-key-auth.js';

/**
 * What one /v4 request carries from stage to stage, typed: the query as read once (Express 5
 * parses it again on every read of `request.query`), the key, and the warnings the answer gives.
 * The journal records from it once the response is sent.
 */
export interface V4Exchange {
  readonly rawQuery: Readonly<Record<string, unknown>>;
  readonly key: string | undefined;
  warnings: readonly string[];
}

const exchanges = new WeakMap<Request, V4Exchange>();

/** Starts the exchange of a /v4 request (the journal's middleware does, before any route). */
export function beginExchange(request: Request, locations: KeyLocations): V4Exchange {
  const rawQuery = request.query as Record<string, unknown>;
  const exchange: V4Exchange = { rawQuery, key: apiKeyOf(locations, request.headers, rawQuery), warnings: [] };
  exchanges.set(request, exchange);
  return exchange;
}

/** The exchange begun for this request. */
export function exchangeOf(request: Request, locations: KeyLocations): V4Exchange {
  return exchanges.get(request) ?? beginExchange(request, locations);
}
