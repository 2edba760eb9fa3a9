import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { buildFakerPools } from '../fixtures/faker-pools.js';
import { Agency, redactionPlans } from './agency.js';
import { apiKeyOf, checkApiKey, keyLocations } from './api-key-auth.js';
import { listOperations, loadContract, type ContractOperation, type LoadedContract } from './contract.js';
import { InMemoryCustomFieldStore, type CustomFieldStore } from './custom-field-store.js';
import { OPERATION_HANDLERS } from './handlers/index.js';
import { resolveOptions, type MockOptions, type MockOptionsInput } from './options.js';
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problems.js';
import { knownQueryNames, unknownQueryWarnings } from './query-warnings.js';
import { RequestValidator } from './request-validation.js';
import { ResponseCache } from './response-cache.js';
import { createLogger, requestLog } from './request-log.js';
import { serviceRoutes } from './service-routes.js';

/** A built mock: the Express app (not listening) and the state behind it. */
export interface MockServer {
  readonly app: Express;
  readonly options: MockOptions;
  readonly logger: Logger;
  readonly contract: LoadedContract;
  readonly customFields: CustomFieldStore;
  /** Forgets every value set by POST and every cached response. */
  reset(): void;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const IDENTIFICATION_PARAMETERS = ['integrator', 'integration'] as const;

/** `/a/{b}/c` (OpenAPI) to `/a/:b/c` (Express). */
function expressPath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function sendJson(response: Response, status: number, body: Buffer): void {
  response.statusCode = status;
  response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}

export function sendProblem(response: Response, problem: ProblemError): void {
  const body = Buffer.from(JSON.stringify(problem.toBody()));
  for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
  response.statusCode = problem.status;
  response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}

/**
 * Builds the mock from the contract: one Express route per operation, each running
 * auth -> agency -> query warnings -> (cache) -> validation -> handler -> response.
 */
export async function createMockServer(input: MockOptionsInput = {}): Promise<MockServer> {
  const options = resolveOptions(input);
  const contract = loadContract();
  const document = contract.document;
  const logger = createLogger(options.quiet);
  const validator = await RequestValidator.create(document);
  const pools = buildFakerPools(options.seed);
  const plans = redactionPlans(document);
  const agencies = new Map(options.shortNames.map((name) => [name, new Agency(name, options, pools, plans)]));
  const locations = keyLocations(document);
  const acceptedKeys = new Set(options.apiKeys);
  const authorisedIntegrators = new Set(options.authorisedIntegrators);
  const cache = new ResponseCache(options.responseCacheMb * 1024 * 1024);
  const customFields = new InMemoryCustomFieldStore();

  const app = express();
  app.disable('x-powered-by');
  // Records carry their own ETag; hashing every 600 KB page for a response ETag costs ~0.4 ms.
  app.set('etag', false);
  app.use(requestLog(logger));
  app.use(serviceRoutes(contract, options));

  const operations = listOperations(document);
  for (const operation of operations) {
    const handler = OPERATION_HANDLERS[operation.operationId];
    if (!handler) throw new Error(`no handler for operation ${operation.operationId}`);
    const known = knownQueryNames(operation, locations.queries);
    const declared = [...known].filter((name) => !locations.queries.includes(name));
    const identification = IDENTIFICATION_PARAMETERS.find((name) => known.has(name));
    const cacheable = operation.method === 'get';

    const route = (request: Request, response: Response): void => {
      // Express 5 parses the query string again on every read of request.query: read it once.
      const rawQuery = request.query as Record<string, unknown>;
      checkApiKey(apiKeyOf(locations, request.headers, rawQuery), acceptedKeys);
      const shortName = request.params.shortName as string;
      const agency = agencies.get(shortName);
      if (!agency)
        throw new ProblemError(
          'unknown-agency',
          `No agency has the short name "${shortName}"; this mock serves ${options.shortNames.join(', ')}.`,
        );
      const warnings = unknownQueryWarnings(rawQuery, known);
      if (warnings.length > 0) response.setHeader('X-Mock-Warning', warnings.join('; '));

      const query: Record<string, string> = {};
      let cacheKey = cacheable ? `${request.path}` : undefined;
      for (const name of declared) {
        const value = rawQuery[name];
        if (value === undefined) continue;
        query[name] = value as string;
        // Only plain string values are cached; anything else goes through validation every time.
        cacheKey = typeof value === 'string' && cacheKey !== undefined ? `${cacheKey}&${name}=${value}` : undefined;
      }
      const cached = cacheKey === undefined ? undefined : cache.get(cacheKey);
      if (cached) {
        sendJson(response, 200, cached);
        return;
      }

      if (operation.method === 'post' && request.headers['content-length'] !== '0' && !request.is('application/json')) {
        throw new ProblemError(
          'unsupported-media-type',
          `Send the body as application/json, not ${request.headers['content-type'] ?? 'no content type'}.`,
        );
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
        customFields,
      });
      const body = Buffer.from(JSON.stringify(result.body));
      if (result.cacheable && cacheKey !== undefined) cache.set(cacheKey, body);
      sendJson(response, result.status, body);
    };

    const middleware = operation.method === 'post' ? [express.json({ limit: '16kb', type: 'application/json' })] : [];
    app[operation.method as 'get' | 'post'](expressPath(operation.path), ...middleware, route);
  }

  app.use(methodNotAllowed(operations));
  app.use((request: Request) => {
    throw new ProblemError('route-not-found', `No V4 Contacts route matches ${request.method} ${request.path}.`);
  });
  app.use(errorHandler(logger));

  return {
    app,
    options,
    logger,
    contract,
    customFields,
    reset() {
      customFields.clear();
      cache.invalidate();
    },
  };
}

/** A 405 with `Allow` for a path the contract has under another method. */
function methodNotAllowed(operations: readonly ContractOperation[]) {
  const router = express.Router();
  const methodsByPath = new Map<string, string[]>();
  for (const operation of operations) {
    const path = expressPath(operation.path);
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), operation.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    router.all(path, (request: Request) => {
      throw new ProblemError(
        'method-not-allowed',
        `${request.method} is not allowed on this route; use ${methods.join(', ')}.`,
        undefined,
        {
          Allow: methods.join(', '),
        },
      );
    });
  }
  return router;
}

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** Every error becomes a problem+json response; only true surprises are a 500, and they are logged. */
function errorHandler(logger: Logger) {
  return (error: unknown, _request: Request, response: Response, _next: NextFunction): void => {
    if (error instanceof ProblemError) {
      sendProblem(response, error);
      return;
    }
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.parse.failed') {
      sendProblem(
        response,
        new ProblemError('malformed-body', `The body could not be parsed as JSON: ${parserError.message ?? ''}`.trim()),
      );
      return;
    }
    if (parserError.type === 'entity.too.large') {
      sendProblem(
        response,
        new ProblemError('payload-too-large', 'The body is larger than the 16 KB this route accepts.'),
      );
      return;
    }
    logger.error({ err: error }, 'unexpected error');
    sendProblem(response, new ProblemError('internal-error', 'The mock failed unexpectedly; see its log.'));
  };
}
