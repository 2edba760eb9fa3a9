import { resolveRef, type OpenApiDocument, type SchemaObject } from './contract.js';

export const PERSONAL_DATA_MARK = 'x-personal-data';

/**
 * The personal-data plan of a schema: property names to drop, and nested object properties that
 * hold marked fields of their own. Read from the contract's `x-personal-data` marks, so adding a
 * mark to the document is all it takes to redact a new field.
 */
export interface PersonalDataPlan {
  readonly marked: ReadonlySet<string>;
  readonly nested: ReadonlyMap<string, PersonalDataPlan>;
}

function isMarked(schema: SchemaObject): boolean {
  return schema[PERSONAL_DATA_MARK] === true;
}

/** Collects `properties` across `allOf` branches, resolving references (but keeping the marks of a `$ref` with siblings). */
export function propertiesOf(document: OpenApiDocument, schema: SchemaObject): Map<string, SchemaObject> {
  const properties = new Map<string, SchemaObject>();
  const resolved = resolveRef<SchemaObject>(document, schema);
  for (const branch of (resolved.allOf as SchemaObject[] | undefined) ?? []) {
    for (const [name, property] of propertiesOf(document, branch)) properties.set(name, property);
  }
  for (const [name, property] of Object.entries((resolved.properties as Record<string, SchemaObject>) ?? {})) {
    properties.set(name, property);
  }
  return properties;
}

export function personalDataPlan(document: OpenApiDocument, schema: SchemaObject, depth = 0): PersonalDataPlan {
  const marked = new Set<string>();
  const nested = new Map<string, PersonalDataPlan>();
  for (const [name, property] of propertiesOf(document, schema)) {
    if (isMarked(property)) {
      marked.add(name);
    } else if (depth < 8) {
      const inner = personalDataPlan(document, property, depth + 1);
      if (inner.marked.size > 0 || inner.nested.size > 0) nested.set(name, inner);
    }
  }
  return { marked, nested };
}

/** The plan of a schema in `components.schemas`, by name. */
export function planForSchema(document: OpenApiDocument, schemaName: string): PersonalDataPlan {
  const schema = document.components.schemas[schemaName];
  if (!schema) throw new Error(`the contract has no schema ${schemaName}`);
  return personalDataPlan(document, schema);
}
