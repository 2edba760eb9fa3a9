import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { contractDocument, deref, findOperation, matchingTemplates, type JsonObject } from './contract-document.js';
import { anchorRefs } from '../../mock-server/contract/anchor-refs.js';

const DOCUMENT_ID = 'https://contract.test/v4-contacts.json';

// OpenAPI 3.1 schemas are JSON Schema 2020-12; `strict: false` lets `x-personal-data` and `example` through.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(contractDocument, DOCUMENT_ID);

const compiled = new Map<string, ValidateFunction>();

function compile(key: string, schema: unknown): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(anchorRefs(schema, DOCUMENT_ID) as object);
    compiled.set(key, validate);
  }
  return validate;
}

export function schemaValidator(schemaName: string): ValidateFunction {
  return compile(`schema:${schemaName}`, { $ref: `#/components/schemas/${schemaName}` });
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
}

export interface ResponseToCheck {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/**
 * Why a /v4 response breaks the contract (empty when it conforms). A route the contract has is
 * held to that operation's declared statuses, content types and schemas; a path with no operation
 * for the method must be a 404 or 405 problem.
 */
export function contractViolations(response: ResponseToCheck): string[] {
  const mediaType = (response.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const label = `${response.method.toUpperCase()} ${response.path} -> ${response.status}`;
  const operation = findOperation(response.method, response.path);
  if (!operation) {
    const expected = matchingTemplates(response.path).length > 0 ? 405 : 404;
    if (response.status !== expected) return [`${label}: no operation matches, so ${expected} was expected`];
    // Either error style (--errors agentos or problem).
    if (mediaType !== 'application/problem+json' && mediaType !== 'application/json')
      return [`${label}: content type ${mediaType}, not an error body`];
    const validate = schemaValidator(mediaType === 'application/json' ? 'ErrorMessage' : 'Problem');
    return validate(response.body) ? [] : describe(validate.errors).map((line) => `${label}: ${line}`);
  }
  const responses = operation.operation.responses as Record<string, unknown>;
  const declared = responses[String(response.status)];
  if (declared === undefined) {
    return [`${label}: ${operation.operationId} does not declare status ${response.status}`];
  }
  const content = (deref(declared).content ?? {}) as Record<string, JsonObject>;
  const media = content[mediaType];
  if (!media) {
    return [`${label}: content type "${mediaType}" is not one of ${Object.keys(content).join(', ') || 'none'}`];
  }
  if (response.status < 300 && mediaType !== 'application/json')
    return [`${label}: content type ${mediaType}, expected application/json`];
  const validate = compile(`${operation.operationId}:${response.status}:${mediaType}`, media.schema);
  return validate(response.body) ? [] : describe(validate.errors).map((line) => `${label}: ${line}`);
}
