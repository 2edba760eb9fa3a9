import type { OpenApiDocument } from './contract.js';
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

/** Throws the 401 for a missing key, or for a key that is not among the configured ones. */
export function checkApiKey(key: string | undefined, acceptedKeys: ReadonlySet<string>): void {
  if (!key) {
    throw new ProblemError('missing-api-key', 'Send the key in the api_key header or the api_key query parameter.');
  }
  if (acceptedKeys.size > 0 && !acceptedKeys.has(key)) {
    throw new ProblemError('invalid-api-key', 'The API key is not enabled for the V4 Contacts tier.');
  }
}
