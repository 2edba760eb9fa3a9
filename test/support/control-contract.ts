import { templatePattern } from '../../mock-server/contract/path-template.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { anchorRefs } from '../../mock-server/contract/anchor-refs.js';

/** The control API's contract, read straight from the YAML (never through the mock's loader). */
export const CONTROL_CONTRACT_PATH = fileURLToPath(
  new URL('../../contracts/mock-control.openapi.yaml', import.meta.url),
);

type JsonObject = Record<string, unknown>;

export const controlDocument = parse(readFileSync(CONTROL_CONTRACT_PATH, 'utf8')) as JsonObject & {
  paths: Record<string, JsonObject>;
};

const DOCUMENT_ID = 'https://contract.test/mock-control.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(controlDocument, DOCUMENT_ID);

function deref(value: unknown): JsonObject {
  let current = value as JsonObject;
  for (let hops = 0; typeof current?.$ref === 'string' && hops < 16; hops++) {
    let target: unknown = controlDocument;
    for (const segment of (current.$ref as string).replace(/^#\//, '').split('/')) {
      target = (target as JsonObject)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (target === undefined) throw new Error(`unresolved reference ${String(current.$ref)}`);
    current = target as JsonObject;
  }
  return current;
}

const compiled = new Map<string, ValidateFunction>();
function compile(key: string, schema: unknown): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(anchorRefs(schema, DOCUMENT_ID) as object);
    compiled.set(key, validate);
  }
  return validate;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);
}

const templates = Object.keys(controlDocument.paths).map((template) => ({
  template,
  pattern: templatePattern(template),
}));

/** The control operation of a method and concrete path, if the control contract has one. */
export function findControlOperation(
  method: string,
  path: string,
): { operationId: string; operation: JsonObject } | undefined {
  const bare = path.split('?')[0] ?? path;
  for (const { template, pattern } of templates) {
    if (!pattern.test(bare)) continue;
    const operation = controlDocument.paths[template]?.[method.toLowerCase()] as JsonObject | undefined;
    if (operation) return { operationId: operation.operationId as string, operation };
  }
  return undefined;
}

/** Documents the control API serves beside its operations (not operations themselves). */
const SERVED_DOCUMENTS = new Set(['/__mock/openapi.json', '/__mock/openapi.yaml']);

export interface ControlResponseToCheck {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/**
 * Why a /__mock response breaks contracts/mock-control.openapi.yaml (empty when it conforms): the
 * status must be declared, the content type listed, the body valid. A path with no operation must
 * be a 401 (admin token), 404 or 405 problem, except the served contract documents.
 */
export function controlViolations(response: ControlResponseToCheck): string[] {
  const mediaType = (response.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const bare = response.path.split('?')[0] ?? response.path;
  const label = `${response.method.toUpperCase()} ${response.path} -> ${response.status}`;
  const found = findControlOperation(response.method, response.path);
  if (!found) {
    if (SERVED_DOCUMENTS.has(bare) && response.status === 200) return [];
    if (![401, 404, 405].includes(response.status)) return [`${label}: no control operation matches`];
    if (mediaType !== 'application/problem+json') return [`${label}: content type ${mediaType}, not a problem`];
    const validate = compile('Problem', { $ref: '#/components/schemas/Problem' });
    return validate(response.body) ? [] : describeErrors(validate.errors).map((line) => `${label}: ${line}`);
  }
  const responses = found.operation.responses as Record<string, unknown>;
  const declared = responses[String(response.status)];
  if (declared === undefined) return [`${label}: ${found.operationId} does not declare status ${response.status}`];
  const content = deref(declared).content as Record<string, JsonObject> | undefined;
  if (content === undefined) {
    return response.body === undefined
      ? []
      : [`${label}: ${found.operationId} declares no body for ${response.status}`];
  }
  const media = content[mediaType];
  if (!media) return [`${label}: content type "${mediaType}" is not one of ${Object.keys(content).join(', ')}`];
  const validate = compile(`${found.operationId}:${response.status}:${mediaType}`, media.schema);
  return validate(response.body) ? [] : describeErrors(validate.errors).map((line) => `${label}: ${line}`);
}
