import type { ContractOperation } from '../contract/contract.js';
import { routePattern } from '../contract/path-template.js';
import { ProblemError } from './problems.js';

/** One template compiled: a pattern with a group per parameter, in the template's order. */
interface CompiledRoute<Route> {
  readonly route: Route;
  readonly method: string;
  readonly pattern: RegExp;
  readonly parameters: readonly string[];
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
 * Matches a concrete path against the contract's templates as Express 5 routes do. No two
 * templates of this contract match the same path under one method (they differ in length or in
 * a literal), so the first match is the only one; a test keeps that true.
 */
export class V4Router<Route> {
  private readonly routes: CompiledRoute<Route>[];

  constructor(entries: readonly { readonly operation: ContractOperation; readonly route: Route }[]) {
    this.routes = entries.map(({ operation, route }) => ({
      route,
      method: operation.method.toUpperCase(),
      ...routePattern(operation.path),
    }));
  }

  /**
   * The route for this method and path (undecoded, without its query), or undefined when none
   * answers it: a path of the contract under another method is left to the 405 further on.
   * A GET route answers HEAD too, as Express's do. Parameters are decoded before the method is
   * looked at, as Express does: a bad escape is a 400 under any method.
   */
  match(method: string, pathname: string): RouteMatch<Route> | undefined {
    const wanted = method === 'HEAD' ? 'GET' : method;
    for (const candidate of this.routes) {
      const found = candidate.pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      candidate.parameters.forEach((name, index) => {
        params[name] = decodeParameter(found[index + 1] as string);
      });
      if (candidate.method === wanted) return { route: candidate.route, params };
    }
    return undefined;
  }
}
