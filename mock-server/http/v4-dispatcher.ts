import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import parseUrl from 'parseurl';
import type { Logger } from 'pino';
import type { ContractOperation } from '../contract/contract.js';
import type { KeyLocations } from '../pipeline/api-key-auth.js';
import { beginExchange } from '../pipeline/v4-exchange.js';
import type { V4Route } from '../pipeline/v4-route.js';
import { V4Router, type RouteMatch } from '../pipeline/v4-router.js';
import type { ErrorAnswer } from './error-handler.js';
import { isUnderV4, type JournalRecording } from './journal-recorder.js';
import { logWhenAnswered } from './request-log.js';

/** Answers the request when it is one of the contract's operations (true), or leaves it (false). */
export type V4Dispatch = (incoming: IncomingMessage, response: ServerResponse) => boolean;

export interface V4DispatcherParts {
  readonly routes: readonly { readonly operation: ContractOperation; readonly route: V4Route }[];
  readonly locations: KeyLocations;
  readonly record: JournalRecording;
  readonly logger: Logger;
  readonly answerError: ErrorAnswer;
}

/**
 * The contract's operations answered straight from node:http, ahead of Express's app: on a cached
 * 700 KB page, Express's per-request dispatch (its prototypes, router layers and final handler)
 * was a third of the mock's CPU. It matches, parses the query, logs, journals and renders errors
 * exactly as the Express layers did (the same functions do it); whatever it does not answer (other
 * methods, unknown paths, the control API, the pages) goes on to Express.
 */
export function v4Dispatcher(parts: V4DispatcherParts): V4Dispatch {
  const { locations, record, logger, answerError } = parts;
  const router = new V4Router(parts.routes);
  const logs = logger.isLevelEnabled('info');
  /** The operation this request asks for: undefined for none, or the 400 of a parameter that does not decode. */
  const find = (incoming: IncomingMessage, pathname: string): RouteMatch<V4Route> | { error: unknown } | undefined => {
    try {
      return router.match(incoming.method ?? 'GET', pathname);
    } catch (error) {
      return { error };
    }
  };

  /** The request's URL parsed (and kept on the request, for Express), or undefined where it does not parse. */
  const parse = (incoming: IncomingMessage): ReturnType<typeof parseUrl> => {
    try {
      return parseUrl(incoming);
    } catch {
      return undefined; // Express's router makes the same of it: no path, so no route.
    }
  };

  /** The error's answer; should rendering it fail too, the connection is dropped rather than left hanging. */
  const failOn =
    (response: ServerResponse) =>
    (error: unknown): void => {
      try {
        answerError(error, response);
      } catch {
        response.destroy();
      }
    };

  /**
   * Requests already turned down, with the URL they had then. The app runs the dispatcher as its
   * first layer too (so it answers the same when mounted elsewhere), and the request listener hands
   * the app what the dispatcher left: without this, a request that is not an operation (a 404 or
   * 405 under /v4, the control API) was parsed and matched twice. A mount rewrites `url`, and a
   * rewritten request is looked at afresh.
   */
  const declined = new WeakMap<IncomingMessage, string | undefined>();
  const decline = (incoming: IncomingMessage): false => {
    declined.set(incoming, incoming.url);
    return false;
  };

  return (incoming, response) => {
    if (declined.has(incoming) && declined.get(incoming) === incoming.url) return false;
    const parsed = parse(incoming);
    const pathname = parsed?.pathname;
    if (!parsed || !pathname || !isUnderV4(pathname)) return decline(incoming);
    const found = find(incoming, pathname);
    if (!found) return decline(incoming);
    // From here on the request is this dispatcher's: nothing it throws may reach node:http unanswered.
    const fail = failOn(response);
    try {
      // Mounted inside another Express app, `url` is relative to the mount; the log and journal say what was sent.
      const url = (incoming as { originalUrl?: string }).originalUrl ?? (incoming.url as string);
      // Express 5's "simple" query parser, so a query reads the same here as on its routes.
      const rawQuery = querystring.parse(typeof parsed.query === 'string' ? parsed.query : '');
      const exchange = beginExchange(locations, incoming.headers, rawQuery);
      if (logs) logWhenAnswered(logger, url, incoming, response);
      record(url, incoming, response, exchange);
      if ('error' in found) throw found.error;
      const request = { incoming, path: pathname, params: found.params, exchange };
      const answered = found.route(request, response, fail);
      if (answered instanceof Promise) answered.catch(fail);
    } catch (error) {
      fail(error);
    }
    return true;
  };
}
