import type { ContractOperation } from '../contract/contract.js';
import { ProblemError } from './problems.js';

/** One template split into segments: a literal (lower case) or a parameter's name. */
interface CompiledRoute<Route> {
  readonly route: Route;
  readonly method: string;
  readonly segments: readonly { readonly literal?: string; readonly parameter?: string }[];
}

/** What a path matched: the route and its parameters, decoded. */
export interface RouteMatch<Route> {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * `decodeURIComponent` as Express's router applies it to a parameter: left alone without a `%`,
 * and a 400 naming the parameter's text when it does not decode.
 */
function decodeParameter(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ProblemError('malformed-request', `Failed to decode param '${text}'`);
  }
}

/**
 * Matches a concrete path against the contract's templates as Express 5 routes do (its
 * path-to-regexp): literal segments in any case, a parameter is one non-empty segment, and one
 * trailing slash is allowed. No two templates of this contract match the same path (they differ in
 * length or in a literal), so the first match is the only one; a test keeps that true.
 */
export class V4Router<Route> {
  private readonly bySegmentCount = new Map<number, CompiledRoute<Route>[]>();

  constructor(entries: readonly { readonly operation: ContractOperation; readonly route: Route }[]) {
    for (const { operation, route } of entries) {
      const segments = operation.path
        .split('/')
        .slice(1)
        .map((part) => {
          const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
          return parameter ? { parameter } : { literal: part.toLowerCase() };
        });
      const list = this.bySegmentCount.get(segments.length) ?? [];
      list.push({ route, method: operation.method.toUpperCase(), segments });
      this.bySegmentCount.set(segments.length, list);
    }
  }

  /**
   * The route for this method and path (undecoded, without its query), or undefined when none
   * answers it: a path of the contract under another method is left to the 405 further on.
   * A GET route answers HEAD too, as Express's do. Throws the 400 for a parameter that does not decode.
   */
  match(method: string, pathname: string): RouteMatch<Route> | undefined {
    const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const parts = path.split('/');
    const candidates = this.bySegmentCount.get(parts.length - 1);
    if (!candidates || parts[0] !== '') return undefined;
    const wanted = method === 'HEAD' ? 'GET' : method;
    for (const candidate of candidates) {
      if (!matchesShape(candidate, parts)) continue;
      // Decoded before the method is looked at, as Express does: a bad escape is a 400 under any method.
      const params: Record<string, string> = {};
      candidate.segments.forEach((segment, index) => {
        if (segment.parameter) params[segment.parameter] = decodeParameter(parts[index + 1] as string);
      });
      if (candidate.method === wanted) return { route: candidate.route, params };
    }
    return undefined;
  }
}

function matchesShape(candidate: CompiledRoute<unknown>, parts: readonly string[]): boolean {
  return candidate.segments.every((segment, index) => {
    const part = parts[index + 1] as string;
    return segment.literal === undefined ? part.length > 0 : part.toLowerCase() === segment.literal;
  });
}
