import { ApiError, type RequestTarget } from '../errors.js';

/** The item type of an unpaged collection, whether the contract declares an array or an envelope. */
export type ItemOf<Body> =
  Body extends ReadonlyArray<infer Item> ? Item : Body extends { Data: ReadonlyArray<infer Item> } ? Item : never;

/**
 * The items of an unpaged collection. agentOS answers unpaged collections with a bare JSON array;
 * a server may wrap them as a `{ Count, Data }` page instead. Both give the same array.
 */
export function unpagedItems<Item>(body: unknown, target: RequestTarget): Item[] {
  if (Array.isArray(body)) return body as Item[];
  if (body && typeof body === 'object' && Array.isArray((body as { Data?: unknown }).Data)) {
    return (body as { Data: Item[] }).Data;
  }
  throw new ApiError(target, 'expected a JSON array or a { Count, Data } envelope');
}
