import type { OpenApiDocument } from '../contract/contract.js';
import { ProblemError } from './problems.js';

/** Where the contract says an API key may be sent. */
export interface KeyLocations {
  readonly headers: readonly string[];
  readonly queries: readonly string[];
}

export function keyLocations(document: OpenApiDocument): KeyLocations {
  const schemes = Object.values(document.components.securitySchemes).filter((scheme) => scheme.type === 'apiKey');
  return {
    headers: schemes.filter((scheme) => scheme.in === 'header').map((scheme) => (scheme.name as string).toLowerCase()),
    queries: schemes.filter((scheme) => scheme.in === 'query').map((scheme) => scheme.name as string),
  };
}

type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** The key of a request (header first, then query), or undefined when none was sent. */
export function apiKeyOf(
  locations: KeyLocations,
  headers: HeaderBag,
  query: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const name of locations.headers) {
    const value = firstString(headers[name]);
    if (value) return value;
  }
  for (const name of locations.queries) {
    const value = firstString(query[name]);
    if (value) return value;
  }
  return undefined;
}

/** The tier this API serves: a key must have it enabled. */
export const CONTACTS_TIER = 'contacts';

/** Accepted keys and the tiers each enables (`KEY` alone enables every tier). */
export type KeyGrants = ReadonlyMap<string, ReadonlySet<string> | 'all'>;

/** Parses `--api-key KEY[:tier,tier]` entries. */
export function keyGrants(entries: readonly string[]): KeyGrants {
  const grants = new Map<string, ReadonlySet<string> | 'all'>();
  for (const entry of entries) {
    const [key = '', tiers] = entry.split(':');
    grants.set(key, tiers === undefined ? 'all' : new Set(tiers.split(',').map((tier) => tier.trim().toLowerCase())));
  }
  return grants;
}

/** Throws the 401 for a missing key, an unknown key, or a key without the contacts tier. */
export function checkApiKey(key: string | undefined, grants: KeyGrants): void {
  if (!key) {
    throw new ProblemError('missing-api-key', 'Send the key in the api_key header or the api_key query parameter.');
  }
  if (grants.size === 0) return;
  const tiers = grants.get(key);
  if (tiers === undefined) throw new ProblemError('invalid-api-key', 'The API key is not one this agency issued.');
  if (tiers !== 'all' && !tiers.has(CONTACTS_TIER)) {
    throw new ProblemError(
      'tier-not-enabled',
      `The API key is valid, but the ${CONTACTS_TIER} tier is not enabled for it (enabled: ${[...tiers].join(', ')}).`,
    );
  }
}
