/**
 * Where a URL or query is written (the request log, the journal), a value sent under a name that
 * looks like a credential is replaced. Names are compared decoded (`api%5Fkey`, `%61pi_key`),
 * case-insensitively and without separators, so near misses (`API_KEY`, `apikey`, `api-key`)
 * are caught too: a key sent under the wrong name is still a key.
 */
export const REDACTED = '[redacted]';

const CREDENTIAL_WORDS = ['apikey', 'key', 'token', 'secret', 'password', 'authorization', 'signature'];

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Whether a query parameter name (raw or decoded) names a credential. */
export function isCredentialName(name: string): boolean {
  const folded = decodeName(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return folded.includes('apikey') || CREDENTIAL_WORDS.some((word) => folded.endsWith(word));
}

/** The URL with the value of every credential-named query parameter replaced. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const pairs = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return isCredentialName(name) && equals >= 0 ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, start)}?${pairs.join('&')}`;
}

/** A parsed query with credential-named values replaced. */
export function redactQuery(query: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, isCredentialName(name) ? REDACTED : value]),
  );
}
