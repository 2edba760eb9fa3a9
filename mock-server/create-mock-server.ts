import express, { type Express, type Request } from 'express';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { keyGrants, keyLocations } from './pipeline/api-key-auth.js';
import type { Elapsed } from './behaviours/simulated-clock.js';
import { listOperations, loadContract, type LoadedContract } from './contract/contract.js';
import { controlApi } from './control/control-api.js';
import { answerError, errorHandler } from './http/error-handler.js';
import { OPERATION_HANDLERS } from './operations/index.js';
import { journalRecorder, journalRecording } from './http/journal-recorder.js';
import { methodNotAllowed } from './http/method-not-allowed.js';
import { MockState } from './state/mock-state.js';
import type { StoreWarn } from './state/state-store.js';
import { consentRatesOf, resolveOptions, type MockOptions, type MockOptionsInput } from './options/mock-options.js';
import { CONTACT_TYPE_KEYS } from '../fixtures/contact-types.js';
import { ProblemError } from './pipeline/problems.js';
import { RequestValidator } from './contract/request-validation.js';
import { createLogger, requestLog } from './http/request-log.js';
import { serviceRoutes } from './http/service-routes.js';
import { v4Route } from './pipeline/v4-route.js';
import { v4Dispatcher } from './http/v4-dispatcher.js';

/** A built mock: the Express app (not listening) and the state behind it. */
export interface MockServer {
  /** The whole mock as an Express app, to mount in your own. */
  readonly app: Express;
  /**
   * The same mock for `http.createServer`: the contract's operations answered before Express is
   * entered (cheaper per request), everything else by `app`. The mock's own servers listen with it.
   */
  readonly requestListener: RequestListener;
  readonly options: MockOptions;
  readonly logger: Logger;
  readonly contract: LoadedContract;
  readonly state: MockState;
  /** Back to a fresh start: custom field values, consent overrides, journal, limits and clock. */
  reset(): void | Promise<void>;
  /** Lets go of the state store (a Redis connection); the app answers 503 to what needs it afterwards. */
  close(): Promise<void>;
}

/** Store failures are said even with --quiet: a change that was refused must leave a trace. */
function storeWarn(logger: Logger, quiet: boolean): StoreWarn {
  return (message, details = {}) => {
    if (!quiet) logger.warn(details, message);
    else process.stderr.write(`${JSON.stringify({ level: 'warn', time: Date.now(), ...details, msg: message })}\n`);
  };
}

/** Things tests may inject that are not settings. */
export interface MockDependencies {
  /** A monotonic millisecond counter for the simulated clock (rate-limit windows, churn days). */
  readonly elapsed?: Elapsed;
}

/** Per-type rates that multi-role people make impossible to meet are reported, not silently missed. */
function warnAboutUnreachableConsentRates(state: MockState, logger: Logger): void {
  for (const agency of state.agencies.values()) {
    const rates = consentRatesOf(state.options);
    for (const type of CONTACT_TYPE_KEYS) {
      const expected = agency.data.consent.expectedShare(type);
      if (Math.abs(expected - rates[type]) > 0.01) {
        logger.warn(
          { agency: agency.shortName, type, rate: rates[type], expected: Number(expected.toFixed(3)) },
          'this consent rate cannot be met with these multi-role settings; lower --multi-role-share or bring the per-type rates closer',
        );
      }
    }
    return; // every agency has the same counts and rates, so one agency tells
  }
}

/**
 * Builds the mock from the contract: one route per operation (see v4-route.ts) answered by the /v4
 * dispatcher, then in Express the service routes and the control API under /__mock.
 */
export async function createMockServer(
  input: MockOptionsInput = {},
  dependencies: MockDependencies = {},
): Promise<MockServer> {
  const options = resolveOptions(input);
  const contract = loadContract();
  const document = contract.document;
  const logger = createLogger(options.quiet);
  const validator = await RequestValidator.create(document);
  const state = new MockState(options, document, storeWarn(logger, options.quiet), dependencies.elapsed);
  await state.store.open();
  warnAboutUnreachableConsentRates(state, logger);
  const locations = keyLocations(document);
  const routeDependencies = {
    state,
    validator,
    locations,
    grants: keyGrants(options.apiKeys),
    authorisedIntegrators: new Set(options.authorisedIntegrators),
  };

  const operations = listOperations(document);
  const routes = operations.map((operation) => {
    const handler = OPERATION_HANDLERS[operation.operationId];
    if (!handler) throw new Error(`no handler for operation ${operation.operationId}`);
    return { operation, route: v4Route(operation, handler, routeDependencies) };
  });
  const dispatch = v4Dispatcher({
    routes,
    locations,
    record: journalRecording(state, locations),
    logger,
    answerError: answerError(logger, options.errors),
  });

  const app = express();
  app.disable('x-powered-by');
  // Records carry their own ETag; hashing every 600 KB page for a response ETag costs ~0.4 ms.
  app.set('etag', false);
  // First, so the app mounted elsewhere answers the operations exactly as requestListener does.
  app.use((request, response, next) => {
    if (!dispatch(request, response)) next();
  });
  // Every layer costs each request a visit: a silent log gets none.
  if (logger.isLevelEnabled('info')) app.use(requestLog(logger));
  app.use(journalRecorder(state, locations));

  // After the /v4 routes, so API requests do not walk past these routers' layers first.
  app.use(serviceRoutes(contract, options, state.store));
  app.use(await controlApi(state, options));
  app.use(methodNotAllowed(operations));
  app.use((request: Request) => {
    throw new ProblemError('route-not-found', `No route matches ${request.method} ${request.path}.`);
  });
  app.use(errorHandler(logger, options.errors));

  const requestListener: RequestListener = (request, response) => {
    if (!dispatch(request, response)) app(request, response);
  };
  return {
    app,
    requestListener,
    options,
    logger,
    contract,
    state,
    reset: () => state.reset(),
    close: () => state.store.close(),
  };
}
