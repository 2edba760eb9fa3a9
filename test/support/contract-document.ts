import { templatePattern } from '../../mock-server/contract/path-template.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The contract as the tests read it: straight from the YAML, never through the mock's own loader. */
export const CONTRACT_PATH = fileURLToPath(new URL('../../contracts/v4-contacts.openapi.yaml', import.meta.url));

export type JsonObject = Record<string, unknown>;

export interface ContractOperationRef {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly operation: JsonObject;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const contractText = readFileSync(CONTRACT_PATH, 'utf8');
export const contractDocument = parse(contractText) as JsonObject & { paths: Record<string, JsonObject> };

/** Follows a local `#/...` reference (repeatedly); other values come back as they are. */
export function deref(value: unknown): JsonObject {
  let current = value as JsonObject;
  for (let hops = 0; typeof current?.$ref === 'string' && hops < 16; hops++) {
    let target: unknown = contractDocument;
    for (const segment of (current.$ref as string).replace(/^#\//, '').split('/')) {
      target = (target as JsonObject)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (target === undefined) throw new Error(`unresolved reference ${String(current.$ref)}`);
    current = target as JsonObject;
  }
  return current;
}

export const contractOperations: readonly ContractOperationRef[] = Object.entries(contractDocument.paths).flatMap(
  ([template, item]) =>
    HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => {
      const operation = item[method] as JsonObject;
      return { operationId: operation.operationId as string, method, template, operation };
    }),
);

const patterns = new Map(Object.keys(contractDocument.paths).map((template) => [template, templatePattern(template)]));

/** The contract path templates a concrete path (without query) matches. */
export function matchingTemplates(path: string): string[] {
  const bare = path.split('?')[0] ?? path;
  return [...patterns].filter(([, pattern]) => pattern.test(bare)).map(([template]) => template);
}

/** The operation for method + concrete path, or undefined when the contract has none. */
export function findOperation(method: string, path: string): ContractOperationRef | undefined {
  const templates = matchingTemplates(path);
  return contractOperations.find(
    (entry) => entry.method === method.toLowerCase() && templates.includes(entry.template),
  );
}
