import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { setTimeout as delay } from 'node:timers/promises';
import { apiKeyOf, checkApiKey, type KeyGrants, type KeyLocations } from './api-key-auth.js';
import { parsePrefer, type PreferableCode } from '../behaviours/prefer-header.js';
import type { RateDecision } from '../behaviours/rate-limiter.js';
import type { ContractOperation } from '../contract/contract.js';
import type { OperationHandler } from '../operations/handler-context.js';
import { sendUncached, serializeBody } from '../http/serialize-body.js';
import type { MockState } from '../state/mock-state.js';
import type { MockOptions } from '../options/mock-options.js';
import { ProblemError } from './problems.js';
import { knownQueryNames, unknownQueryWarnings, warningHeaderValue } from './query-warnings.js';
import type { RequestValidator } from '../contract/request-validation.js';
import { JSON_CONTENT_TYPE, sendJson } from '../http/send-response.js';

/** What every /v4 route shares. */
export interface V4RouteDependencies {
  readonly state: MockState;
  readonly validator: RequestValidator;
  readonly locations: KeyLocations;
  readonly grants: KeyGrants;
  readonly authorisedIntegrators: ReadonlySet<string>;
}

const IDENTIFICATION_PARAMETERS = ['integrator', 'integration'] as const;

function retryAfterSeconds(milliseconds: number): string {
  return String(Math.max(0, Math.ceil(milliseconds / 1000)));
}

/** agentOS tells clients to wait a minute after a 429 when nothing else says how long. */
const DEFAULT_RETRY_MS = 60_000;

/** The problem a `Prefer: code=N` asks for; Retry-After is a full window (429) or a full block (403). */
function preferredProblem(code: PreferableCode, options: MockOptions): ProblemError {
  switch (code) {
    case 401:
      return new ProblemError('invalid-api-key', 'Answered 401 because the request asked for it (Prefer: code=401).');
    case 403:
      return new ProblemError(
        'key-blocked',
        'Answered 403 because the request asked for it (Prefer: code=403).',
        undefined,
        { 'Retry-After': retryAfterSeconds(options.blockForMs) },
      );
    case 404:
      return new ProblemError('not-found', 'Answered 404 because the request asked for it (Prefer: code=404).');
    case 429:
      return new ProblemError(
        'rate-limited',
        'Answered 429 because the request asked for it (Prefer: code=429).',
        undefined,
        { 'Retry-After': retryAfterSeconds(options.rateLimit?.windowMs ?? DEFAULT_RETRY_MS) },
      );
    case 500:
      return new ProblemError('internal-error', 'Answered 500 because the request asked for it (Prefer: code=500).');
    case 503:
      return new ProblemError(
        'service-unavailable',
        'Answered 503 because the request asked for it (Prefer: code=503).',
      );
  }
}

/**
 * The middleware chain of one contract operation, in agentOS's order: key -> agency -> rate
 * limit -> faults -> body -> (cache) -> validation -> handler. Express is only the adapter here;
 * the handler sees plain values.
 */
export function v4Route(
  operation: ContractOperation,
  handler: OperationHandler,
  dependencies: V4RouteDependencies,
): RequestHandler[] {
  const { state, validator, locations, grants, authorisedIntegrators } = dependencies;
  const { options } = state;
  const known = knownQueryNames(operation, locations.queries);
  const declared = [...known].filter((name) => !locations.queries.includes(name));
  const identification = IDENTIFICATION_PARAMETERS.find((name) => known.has(name));
  const cacheable = operation.method === 'get';

  /** Checks that may refuse the request before the store is asked: the key, then the agency. */
  const identify = (request: Request, response: Response): string | undefined => {
    // Express 5 parses the query string again on every read of request.query: read it once.
    const rawQuery = request.query as Record<string, unknown>;
    response.locals.rawQuery = rawQuery;
    const key = apiKeyOf(locations, request.headers, rawQuery);
    checkApiKey(key, grants);
    const shortName = request.params.shortName as string;
    if (!state.agencies.has(shortName)) {
      throw new ProblemError(
        'unknown-agency',
        `No agency has the short name "${shortName}"; this mock serves ${options.shortNames.join(', ')}.`,
      );
    }
    return key;
  };

  /** Refuses a limited or blocked key; returns the delay the request must wait, if any. */
  const decide = (request: Request, response: Response, decision: RateDecision | undefined): number => {
    if (decision && decision.outcome === 'blocked') {
      throw new ProblemError(
        'key-blocked',
        `The key kept sending while rate limited and is blocked for ${retryAfterSeconds(decision.retryAfterMs)} s.`,
        undefined,
        {
          'Retry-After': retryAfterSeconds(decision.retryAfterMs),
        },
      );
    }
    if (decision && decision.outcome === 'limited') {
      const limit = options.rateLimit as { requests: number; windowMs: number };
      throw new ProblemError(
        'rate-limited',
        `More than ${limit.requests} requests in ${limit.windowMs / 1000} s for this key; retry in ${retryAfterSeconds(decision.retryAfterMs)} s.`,
        undefined,
        { 'Retry-After': retryAfterSeconds(decision.retryAfterMs) },
      );
    }
    const preferred = parsePrefer(request.get('prefer'));
    const fault = state.faults.next();
    response.locals.preferredCode = preferred.code;
    response.locals.injectedFailure = fault.fail;
    return preferred.delayMs ?? fault.delayMs;
  };

  /** What the request asked for with Prefer, or the error rate drew, once any delay has passed. */
  const failOnRequest = (response: Response): void => {
    const code = response.locals.preferredCode as PreferableCode | undefined;
    if (code !== undefined) throw preferredProblem(code, options);
    if (response.locals.injectedFailure === true) {
      throw new ProblemError('service-unavailable', 'Answered 503 by the configured --error-rate.');
    }
  };

  const respond = (request: Request, response: Response): void | Promise<void> => {
    const rawQuery = response.locals.rawQuery as Record<string, unknown>;
    const agency = state.agencies.get(request.params.shortName as string);
    if (!agency) throw new Error('admit() let an unknown agency through');
    const warnings = unknownQueryWarnings(rawQuery, known);
    response.locals.warnings = warnings;
    if (warnings.length > 0) response.setHeader('X-Mock-Warning', warningHeaderValue(warnings));

    const query: Record<string, string> = {};
    // Responses depend on consent as of now, so the cache key carries its version.
    let cacheKey = cacheable ? `${agency.consentVersion()}|${request.path}` : undefined;
    for (const name of declared) {
      const value = rawQuery[name];
      if (value === undefined) continue;
      query[name] = value as string;
      // Only plain string values are cached; anything else goes through validation every time.
      cacheKey = typeof value === 'string' && cacheKey !== undefined ? `${cacheKey}&${name}=${value}` : undefined;
    }
    const cached = cacheKey === undefined ? undefined : state.cache.get(cacheKey);
    if (cached) {
      sendJson(response, 200, cached);
      return;
    }
    validator.check(operation.operationId, {
      method: operation.method,
      path: request.path,
      query,
      headers: request.headers,
      body: request.body,
    });
    const identifier = identification ? query[identification] : undefined;
    const result = handler({
      params: request.params as Record<string, string>,
      query,
      body: request.body,
      agency,
      authorisedIntegrator: identifier !== undefined && authorisedIntegrators.has(identifier),
      options,
      customFields: state.store.live,
    });
    const send = (): void => {
      if (result.cacheable && cacheKey !== undefined && state.cache.isRepeat(cacheKey)) {
        const body = serializeBody(result.body);
        state.cache.set(cacheKey, body);
        sendJson(response, result.status, body);
      } else {
        sendUncached(response, result.status, JSON_CONTENT_TYPE, result.body);
      }
    };
    // Answered only once the change is saved: a failed save is a 503 and changes nothing.
    const saved = result.changes && result.changes.length > 0 ? state.store.commit(result.changes) : undefined;
    if (saved instanceof Promise) return saved.then(send);
    send();
  };

  const checkMediaType = (request: Request): void => {
    if (request.headers['content-length'] !== '0' && !request.is('application/json')) {
      throw new ProblemError(
        'unsupported-media-type',
        `Send the body as application/json, not ${request.headers['content-type'] ?? 'no content type'}.`,
      );
    }
  };

  const proceed = (
    request: Request,
    response: Response,
    next: NextFunction,
    decision: RateDecision | undefined,
  ): void | Promise<void> => {
    const delayMs = decide(request, response, decision);
    if (delayMs <= 0) {
      failOnRequest(response);
      next();
      return;
    }
    return delay(delayMs).then(() => {
      failOnRequest(response);
      next();
    });
  };

  // Synchronous on the memory store unless a delay was asked for: most requests never touch a
  // timer or a promise. A shared store answers the rate limit and its version in one round trip.
  const admitThenContinue: RequestHandler = (request, response, next) => {
    const decision = state.store.admit(identify(request, response));
    if (decision instanceof Promise) return decision.then((decided) => proceed(request, response, next, decided));
    return proceed(request, response, next, decision);
  };
  if (operation.method === 'get') return [admitThenContinue, respond];
  // The body is read only after the key is checked, so an anonymous bad POST gets its 401.
  return [
    admitThenContinue,
    (request, _response, next) => {
      checkMediaType(request);
      next();
    },
    express.json({ limit: '16kb', type: 'application/json' }),
    respond,
  ];
}
