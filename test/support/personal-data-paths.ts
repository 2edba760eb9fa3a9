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

/** The marked paths a record shows a value for (present and not null), dotted ("Forename"). */
export function presentPersonalData(record: unknown, paths: readonly string[][]): string[] {
  return paths
    .filter((path) => {
      let value: unknown = record;
      for (const key of path) {
        if (value === null || typeof value !== 'object' || !(key in value)) return false;
        value = (value as JsonObject)[key];
      }
      return value !== null;
    })
    .map((path) => path.join('.'));
}

/**
 * A copy of a record with the marked paths withheld: null (the default `--nulls null`), or left
 * out with `absent`.
 */
export function withoutPersonalData(
  record: JsonObject,
  paths: readonly string[][],
  nulls: 'null' | 'absent' = 'null',
): JsonObject {
  const copy = structuredClone(record);
  for (const path of paths) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as JsonObject | undefined)?.[key];
    if (!parent || typeof parent !== 'object') continue;
    const key = path[path.length - 1] as string;
    if (nulls === 'null') (parent as JsonObject)[key] = null;
    else delete (parent as JsonObject)[key];
  }
  return copy;
}
