import { contractDocument, deref, type JsonObject } from './contract-document.js';

const MARK = 'x-personal-data';

/** Properties of a schema, gathered over `allOf` and references, with each property's own node. */
function propertiesOf(schema: unknown, depth = 0): Map<string, JsonObject> {
  const properties = new Map<string, JsonObject>();
  if (depth > 10) return properties;
  const resolved = deref(schema);
  for (const branch of (resolved.allOf as unknown[] | undefined) ?? []) {
    for (const [name, node] of propertiesOf(branch, depth + 1)) properties.set(name, node);
  }
  for (const [name, node] of Object.entries((resolved.properties ?? {}) as Record<string, JsonObject>)) {
    properties.set(name, node);
  }
  return properties;
}

/**
 * Every property path the contract marks as personal data in a schema, e.g. [['Forename'],
 * ['Address']]. The mark may sit beside a `$ref`, so it is read from the unresolved node first.
 */
function markedPaths(schema: unknown, prefix: string[] = [], depth = 0): string[][] {
  const paths: string[][] = [];
  for (const [name, node] of propertiesOf(schema, depth)) {
    const path = [...prefix, name];
    if (node[MARK] === true || deref(node)[MARK] === true) paths.push(path);
    else if (depth < 10) paths.push(...markedPaths(node, path, depth + 1));
  }
  return paths;
}

export function personalDataPaths(schemaName: string): string[][] {
  const schemas = (contractDocument.components as JsonObject).schemas as Record<string, unknown>;
  if (!schemas[schemaName]) throw new Error(`the contract has no schema ${schemaName}`);
  return markedPaths(schemas[schemaName]);
}

/** The marked paths present in a record, dotted ("Address", "Forename"). */
export function presentPersonalData(record: unknown, paths: readonly string[][]): string[] {
  return paths
    .filter((path) => {
      let value: unknown = record;
      for (const key of path) {
        if (value === null || typeof value !== 'object' || !(key in value)) return false;
        value = (value as JsonObject)[key];
      }
      return true;
    })
    .map((path) => path.join('.'));
}

/** A copy of a record without the marked paths: what redaction should leave. */
export function withoutPersonalData(record: JsonObject, paths: readonly string[][]): JsonObject {
  const copy = structuredClone(record);
  for (const path of paths) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as JsonObject | undefined)?.[key];
    if (parent && typeof parent === 'object') delete (parent as JsonObject)[path[path.length - 1] as string];
  }
  return copy;
}
