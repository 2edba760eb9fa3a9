import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation } from 'openapi-backend';
import type { OpenApiDocument } from './contract.js';
import { invalidRequest, type ParameterError } from '../pipeline/problems.js';

export interface RequestToValidate {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body?: unknown;
}

/** A request already matched to its operation: its path parameters decoded, its query read. */
export interface ParsedRequestToValidate {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
}

const LOCATIONS: Readonly<Record<string, ParameterError['in']>> = {
  path: 'path',
  query: 'query',
  headers: 'header',
  requestBody: 'body',
};

/** An Ajv error, named as the client knows the input: `count` in path, `Value` in body. */
function toParameterError(error: ErrorObject): ParameterError {
  const [location = 'requestBody', name] = error.instancePath.split('/').filter(Boolean);
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  // A missing body is reported under openapi-backend's internal name; the client knows it as "body".
  const missing = params.missingProperty === 'requestBody' ? 'body' : params.missingProperty;
  return {
    name: name ?? missing ?? params.additionalProperty ?? (location === 'requestBody' ? 'body' : location),
    in: LOCATIONS[location] ?? 'body',
    reason: error.message ?? 'is invalid',
  };
}

const MAX_CACHED = 4;
const VALIDATORS = new Map<string, Promise<RequestValidator>>();

/**
 * Request validation by operationId, with openapi-backend and the contract's own schemas.
 *
 * Routing is the /v4 router's (pipeline/v4-router.ts): openapi-backend's `matchOperation` rebuilds
 * its operation list on every call (about 0.2 ms a request, measured).
 */
export class RequestValidator {
  private readonly backend: OpenAPIBackend;
  /**
   * Each operation looked up once: given an operationId, openapi-backend rebuilds its whole
   * operation list (a lodash chain over every path) on every request, about 0.1 ms each.
   */
  private readonly operations: ReadonlyMap<string, Operation>;

  private constructor(backend: OpenAPIBackend) {
    this.backend = backend;
    this.operations = new Map(
      backend.router.getOperations().map((operation) => [operation.operationId ?? '', operation]),
    );
  }

  /**
   * One validator per contract text in a process: openapi-backend compiles each operation's Ajv
   * validators on first use (about 30 ms each), and a process that builds many mocks from one
   * contract (a test run, an embedding partner) paid that again for every mock. The compiled
   * validators are pure functions of the document, so sharing them changes no answer.
   */
  static create(document: OpenApiDocument): Promise<RequestValidator> {
    const key = JSON.stringify(document);
    let created = VALIDATORS.get(key);
    if (!created) {
      created = RequestValidator.build(document);
      // A few contracts at most (the one shipped, a test's edited copy): the oldest goes first.
      if (VALIDATORS.size >= MAX_CACHED) VALIDATORS.delete(VALIDATORS.keys().next().value as string);
      VALIDATORS.set(key, created);
      created.catch(() => VALIDATORS.delete(key));
    }
    return created;
  }

  private static async build(document: OpenApiDocument): Promise<RequestValidator> {
    const backend = new OpenAPIBackend({
      // A copy: openapi-backend dereferences the document in place.
      definition: structuredClone(document) as never,
      // `quick` skips openapi-backend's definition check, which knows OpenAPI 3.0 only; the
      // contract is linted as 3.1 by Redocly in CI instead.
      quick: true,
      strict: false,
      validate: true,
      ajvOpts: { allErrors: true, strict: false },
      customizeAjv: (ajv) => {
        addFormats.default(ajv);
        return ajv;
      },
    });
    await backend.init();
    return new RequestValidator(backend);
  }

  /** Throws a 400 that names every offending input; returns quietly when the request fits. */
  check(operationId: string, request: RequestToValidate): void {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`the contract has no operation ${operationId}`);
    const result = this.backend.validator.validateRequest(request as never, operation);
    if (!result.valid) throwInvalid(result.errors ?? []);
  }

  /**
   * The same check for a request the /v4 router has already parsed: openapi-backend's own
   * parsing (its path-template matcher, lodash copies) cost about 0.1 ms a request, more than
   * everything else of a cached answer. Its compiled validators are run on what it would have
   * built: copies, since they coerce types in place; no cookie (no operation reads one).
   */
  checkParsed(operationId: string, request: ParsedRequestToValidate): void {
    if (!this.operations.has(operationId)) throw new Error(`the contract has no operation ${operationId}`);
    // Compiled on first use and kept by openapi-backend.
    const validators = this.backend.validator.getRequestValidatorsForOperation(operationId);
    const contentType = request.headers['content-type'];
    const parameters: Record<string, unknown> = {
      path: { ...request.params },
      query: { ...request.query },
      header: { ...request.headers },
      cookie: {},
    };
    if (typeof request.body === 'object' || (typeof contentType === 'string' && isJsonMediaType(contentType))) {
      parameters.requestBody = request.body;
    }
    const errors: ErrorObject[] = [];
    for (const validate of validators) {
      validate(parameters);
      if (validate.errors) errors.push(...validate.errors);
    }
    if (errors.length > 0) throwInvalid(errors);
  }
}

/** Whether a Content-Type is JSON's, as openapi-backend reads it (parameters ignored). */
function isJsonMediaType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The 400 naming every offending input. */
function throwInvalid(ajvErrors: readonly ErrorObject[]): never {
  const errors = ajvErrors.map(toParameterError);
  // Ajv may report one input twice (e.g. type and pattern); one line per input and reason is enough.
  const unique = [...new Map(errors.map((error) => [`${error.in}/${error.name}/${error.reason}`, error])).values()];
  throw invalidRequest(unique);
}
