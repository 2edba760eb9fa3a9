import express from 'express';
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import typeIs from 'type-is';
import { checkApiKey, type KeyGrants, type KeyLocations } from './api-key-auth.js';
import { parsePrefer, preferredProblem } from '../behaviours/prefer-header.js';
import { refuseUnlessAllowed, type RateDecision } from '../behaviours/rate-limiter.js';
import type { RateLimit } from '../options/mock-options.js';
import type { Agency } from '../state/agency.js';
import type { V4Request } from './v4-exchange.js';
import type { ContractOperation } from '../contract/contract.js';
import type { OperationHandler } from '../operations/handler-context.js';
import { sendUncached, serializeBody } from '../http/serialize-body.js';
import type { MockState } from '../state/mock-state.js';
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

/** What a request asked for (Prefer) or the error rate drew: a delay first, then maybe a failure. */
interface Scenario {
  readonly delayMs: number;
  readonly failure: ProblemError | undefined;
}

/**
 * One /v4 operation's answer: it throws (or rejects with) a ProblemError the dispatcher renders,
 * or hands one to `fail` from a callback (the body parser's).
 */
export type V4Route = (
  request: V4Request,
  response: ServerResponse,
  fail: (error: unknown) => void,
) => void | Promise<void>;

/**
 * One contract operation as named stages, in agentOS's order: key -> agency -> rate limit ->
 * scenario (Prefer, faults, delay) -> body -> warnings -> cache -> validation -> handler -> answer.
 * Stages hand each other typed values (the request, the agency); the handler sees plain values.
 */
export function v4Route(
  operation: ContractOperation,
  handler: OperationHandler,
  dependencies: V4RouteDependencies,
): V4Route {
  const { state, validator, locations, grants, authorisedIntegrators } = dependencies;
  const { options } = state;
  const known = knownQueryNames(operation, locations.queries);
  const declared = [...known].filter((name) => !locations.queries.includes(name));
  const identification = IDENTIFICATION_PARAMETERS.find((name) => known.has(name));
  const cacheable = operation.method === 'get';
  // Built once: the options do not change while the mock runs.
  const rateSettings = { ...(options.rateLimit as RateLimit), sendRetryAfter: options.retryAfter === 'send' };
  // agentOS's largest page, as the contract's `count` declares it (1000).
  const maxCount = operation.parameters.find((parameter) => parameter.name === 'count')?.schema?.maximum;
  const clampsCount = options.overMax === 'clamp' && typeof maxCount === 'number';

  /** Stage 1-2: the key, the agency (each refuses with its own answer); the store decides the rate limit. */
  const admit = (request: V4Request): Agency => {
    checkApiKey(request.exchange.key, grants);
    const shortName = request.params.shortName as string;
    const agency = state.agencies.get(shortName);
    if (!agency) {
      throw new ProblemError(
        'unknown-agency',
        `No agency has the short name "${shortName}"; this mock serves ${options.shortNames.join(', ')}.`,
      );
    }
    return agency;
  };

  /** Stage 4: a `Prefer` scenario wins over the seeded error rate; both draw in every request. */
  const scenarioOf = (request: V4Request): Scenario => {
    // Node joins a repeated Prefer into one string; only Set-Cookie comes as an array.
    const { prefer } = request.incoming.headers;
    const preferred = parsePrefer(typeof prefer === 'string' ? prefer : undefined);
    const fault = state.faults.next();
    const failure =
      preferred.code !== undefined
        ? preferredProblem(preferred.code, options)
        : fault.fail
          ? new ProblemError('service-unavailable', 'Answered 503 by the configured --error-rate.')
          : undefined;
    return { delayMs: preferred.delayMs ?? fault.delayMs, failure };
  };

  /** Stage 5-8: warnings, the response cache, validation, the handler, and the answer. */
  const respond = (request: V4Request, response: ServerResponse, agency: Agency): void | Promise<void> => {
    const { exchange } = request;
    const { rawQuery } = exchange;
    const warnings = unknownQueryWarnings(rawQuery, known);
    exchange.warnings = warnings;
    if (warnings.length > 0) response.setHeader('X-Mock-Warning', warningHeaderValue(warnings));

    const query: Record<string, string> = {};
    // Responses depend on consent as of now, so the cache key carries its version. The operation
    // and its decoded parameters, not the path as sent: `/V4/Contacts/demo/TENANTS/0/3/` is the
    // same page as `/v4/contacts/demo/tenants/0/3`, one entry.
    let cacheKey = cacheable
      ? `${agency.consentVersion()}|${operation.operationId}|${JSON.stringify(Object.values(request.params))}`
      : undefined;
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
    let params = request.params;
    // `--over-max clamp`: a count above the maximum reads as the maximum, as live V2 answered.
    if (clampsCount && /^\d+$/.test(params.count ?? '') && Number(params.count) > (maxCount as number)) {
      params = { ...params, count: String(maxCount) };
    }
    const { headers, body } = request.incoming;
    validator.checkParsed(operation.operationId, { params, query, headers, body });
    const identifier = identification ? query[identification] : undefined;
    const result = handler({
      params,
      query,
      body,
      agency,
      authorisedIntegrator: identifier !== undefined && authorisedIntegrators.has(identifier),
      options,
      customFields: state.store.live,
    });
    const send = (): void => {
      if (result.cacheable && cacheKey !== undefined && state.cache.isRepeat(cacheKey)) {
        const bytes = serializeBody(result.body);
        state.cache.set(cacheKey, bytes);
        sendJson(response, result.status, bytes);
      } else {
        sendUncached(response, result.status, JSON_CONTENT_TYPE, result.body);
      }
    };
    // Answered only once the change is saved: a failed save is a 503 and changes nothing.
    const saved = result.changes && result.changes.length > 0 ? state.store.commit(result.changes) : undefined;
    if (saved instanceof Promise) return saved.then(send);
    send();
  };

  /** Whether the request says it carries a body (RFC 9112 6.3), as type-is decides. */
  const hasBody = (request: V4Request): boolean =>
    request.incoming.headers['transfer-encoding'] !== undefined ||
    (request.incoming.headers['content-length'] !== undefined && request.incoming.headers['content-length'] !== '0');

  // A request without a body is left to validation, which names the missing body.
  const checkMediaType = (request: V4Request): void => {
    if (!hasBody(request) || typeIs(request.incoming, ['application/json'])) return;
    const sent = request.incoming.headers['content-type'];
    throw new ProblemError(
      'unsupported-media-type',
      sent === undefined
        ? 'Send the body as application/json: the request has a body but no Content-Type.'
        : `Send the body as application/json, not ${sent}.`,
    );
  };

  const readJson = express.json({ limit: '16kb', type: 'application/json' });

  /** After the scenario's delay (if any): fail as asked, read a POST body, then respond. */
  const proceed = (
    request: V4Request,
    response: ServerResponse,
    agency: Agency,
    failure: ProblemError | undefined,
    fail: (error: unknown) => void,
  ): void | Promise<void> => {
    if (failure) throw failure;
    if (operation.method === 'get') return respond(request, response, agency);
    // The body is read only after the key is checked, so an anonymous bad POST gets its 401.
    checkMediaType(request);
    // Answered from body-parser's callback, not a promise after it: a body the client gave up on
    // must be answered (and so journalled) before Node destroys the response.
    readJson(request.incoming as never, response as never, (error?: unknown) => {
      if (error) {
        fail(error);
        return;
      }
      try {
        const saved = respond(request, response, agency);
        if (saved instanceof Promise) saved.catch(fail);
      } catch (problem) {
        fail(problem);
      }
    });
  };

  /** Stage 3 onwards, once the store has decided the rate limit. */
  const decided = (
    request: V4Request,
    response: ServerResponse,
    agency: Agency,
    decision: RateDecision | undefined,
    fail: (error: unknown) => void,
  ): void | Promise<void> => {
    refuseUnlessAllowed(decision, rateSettings);
    const { delayMs, failure } = scenarioOf(request);
    if (delayMs <= 0) return proceed(request, response, agency, failure, fail);
    return delay(delayMs).then(() => proceed(request, response, agency, failure, fail));
  };

  // Synchronous on the memory store unless a delay was asked for: most requests never touch a
  // timer or a promise. A shared store answers the rate limit and its version in one round trip.
  return (request, response, fail) => {
    const agency = admit(request);
    const decision = state.store.admit(request.exchange.key);
    if (decision instanceof Promise) {
      return decision.then((outcome) => decided(request, response, agency, outcome, fail));
    }
    return decided(request, response, agency, decision, fail);
  };
}
