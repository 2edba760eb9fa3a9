/** The part of a journal entry a matcher reads. */
export interface MatchableRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly status: number;
}

/** Which requests count: every field given must match; query names not given may be anything. */
export interface RequestMatcher {
  readonly method?: string;
  /** A string is the exact path without the query; a RegExp tests the path. */
  readonly path?: string | RegExp;
  /** Parameters that must be present with these values (a RegExp tests the value). */
  readonly query?: Readonly<Record<string, string | RegExp>>;
  readonly status?: number;
}

function valueMatches(actual: unknown, expected: string | RegExp): boolean {
  if (actual === undefined) return false;
  const text = Array.isArray(actual) ? actual.join(',') : String(actual);
  return typeof expected === 'string' ? text === expected : expected.test(text);
}

function pathMatches(path: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? path === expected : expected.test(path);
}

export function matchesRequest(request: MatchableRequest, matcher: RequestMatcher): boolean {
  if (matcher.method !== undefined && request.method !== matcher.method.toUpperCase()) return false;
  if (matcher.path !== undefined && !pathMatches(request.path, matcher.path)) return false;
  if (matcher.status !== undefined && request.status !== matcher.status) return false;
  for (const [name, expected] of Object.entries(matcher.query ?? {})) {
    if (!valueMatches(request.query[name], expected)) return false;
  }
  return true;
}

/** Share (0..1) of path segments that differ, so `/tenants/0/10` is near `/tenants/0/100`. */
function pathDistance(path: string, expected: string): number {
  const actual = path.split('/');
  const wanted = expected.split('/');
  const length = Math.max(actual.length, wanted.length);
  let differing = 0;
  for (let index = 0; index < length; index++) if (actual[index] !== wanted[index]) differing++;
  return differing / length;
}

/** How far a request is from a matcher (0 matches), and what differs, for near-miss reports. */
export function distanceTo(request: MatchableRequest, matcher: RequestMatcher): { score: number; diffs: string[] } {
  const diffs: string[] = [];
  let score = 0;
  if (matcher.method !== undefined && request.method !== matcher.method.toUpperCase()) {
    score += 1;
    diffs.push(`method ${request.method}, expected ${matcher.method.toUpperCase()}`);
  }
  if (matcher.path !== undefined && !pathMatches(request.path, matcher.path)) {
    score += 2 * (typeof matcher.path === 'string' ? pathDistance(request.path, matcher.path) : 1);
    diffs.push(`path ${request.path}, expected ${String(matcher.path)}`);
  }
  for (const [name, expected] of Object.entries(matcher.query ?? {})) {
    if (valueMatches(request.query[name], expected)) continue;
    score += 0.5;
    const actual = request.query[name];
    diffs.push(
      `query ${name}=${actual === undefined ? '(absent)' : JSON.stringify(actual)}, expected ${typeof expected === 'string' ? JSON.stringify(expected) : String(expected)}`,
    );
  }
  if (matcher.status !== undefined && request.status !== matcher.status) {
    score += 0.5;
    diffs.push(`status ${request.status}, expected ${matcher.status}`);
  }
  return { score, diffs };
}

/** One line per matcher field, as a report prints what was expected. */
export function describeMatcher(matcher: RequestMatcher): string {
  const parts = [
    matcher.method?.toUpperCase() ?? 'any method',
    matcher.path === undefined ? 'any path' : String(matcher.path),
  ];
  const query = Object.entries(matcher.query ?? {}).map(([name, value]) => `${name}=${String(value)}`);
  if (query.length > 0) parts.push(`with ${query.join('&')}`);
  if (matcher.status !== undefined) parts.push(`answered ${matcher.status}`);
  return parts.join(' ');
}

/** A journal entry as one line: method, path?query, status. */
export function describeRequest(request: MatchableRequest): string {
  const query = new URLSearchParams(
    Object.entries(request.query).map(([name, value]): [string, string] => [
      name,
      Array.isArray(value) ? value.join(',') : String(value),
    ]),
  ).toString();
  return `${request.method} ${request.path}${query === '' ? '' : `?${query}`} -> ${request.status}`;
}
