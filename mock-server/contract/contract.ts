import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load } from 'js-yaml';
import { withLabelsInDescriptions } from './confidence-labels.js';

/** A parsed OpenAPI document; typed loosely because it is walked generically. */
export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject>; securitySchemes: Record<string, SecuritySchemeObject> };
};
export type SchemaObject = Record<string, unknown>;
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}
export interface OperationObject {
  operationId: string;
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
export interface SecuritySchemeObject {
  type: string;
  in?: 'header' | 'query';
  name?: string;
}

export const CONTRACT_FILE = 'v4-contacts.openapi.yaml';
/** The control API's own document (served at /__mock/openapi.json). */
export const CONTROL_CONTRACT_FILE = 'mock-control.openapi.yaml';

/** The package's `contracts/` folder, found from this file whether it runs from source or `dist/`. */
export function contractsDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = join(directory, 'contracts');
    if (existsSync(join(candidate, CONTRACT_FILE))) return candidate;
    directory = dirname(directory);
  }
  throw new Error(`cannot find contracts/${CONTRACT_FILE} above ${fileURLToPath(import.meta.url)}`);
}

export interface LoadedContract {
  readonly document: OpenApiDocument;
  /** The YAML exactly as shipped, served at /openapi.yaml. */
  readonly yamlText: string;
  /** Pre-serialised with the confidence labels in the descriptions, served at /openapi.json (Swagger UI). */
  readonly jsonText: string;
}

/** Freezes a parsed document, so a mock that changed the shared copy would throw, not leak into the next mock. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Each file's last reading, kept while its text is unchanged: a process building many mocks (a test run) parses it once. */
const LOADED = new Map<string, LoadedContract>();

export function loadContract(path = join(contractsDirectory(), CONTRACT_FILE)): LoadedContract {
  const yamlText = readFileSync(path, 'utf8');
  const known = LOADED.get(path);
  if (known?.yamlText === yamlText) return known;
  // js-yaml parses the contract ten times faster than `yaml` (start-up time); the core schema
  // keeps dates as the strings the document means, not Date objects.
  const document = deepFreeze(load(yamlText, { schema: CORE_SCHEMA }) as OpenApiDocument);
  const loaded = { document, yamlText, jsonText: JSON.stringify(withLabelsInDescriptions(document)) };
  if (LOADED.size >= 8) LOADED.delete(LOADED.keys().next().value as string); // a few files at most
  LOADED.set(path, loaded);
  return loaded;
}

/** Resolves a local `#/components/...` reference. */
export function resolveRef<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
    const segments = value.$ref.replace(/^#\//, '').split('/');
    let target: unknown = document;
    for (const segment of segments) target = (target as Record<string, unknown>)[segment];
    if (target === undefined) throw new Error(`unresolved reference ${value.$ref}`);
    return resolveRef(document, target as T);
  }
  return value as T;
}

export interface ContractOperation {
  readonly operationId: string;
  readonly method: string;
  /** The OpenAPI path template, e.g. `/v4/contacts/{shortName}/tenants/{tenantID}`. */
  readonly path: string;
  readonly parameters: readonly ParameterObject[];
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export function listOperations(document: OpenApiDocument): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    // Path-level parameters apply to every operation of the path.
    const shared = ((item as { parameters?: ParameterObject[] }).parameters ?? []).map((parameter) =>
      resolveRef<ParameterObject>(document, parameter),
    );
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        parameters: [
          ...shared,
          ...(operation.parameters ?? []).map((parameter) => resolveRef<ParameterObject>(document, parameter)),
        ],
      });
    }
  }
  return operations;
}
