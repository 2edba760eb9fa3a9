import { readFileSync } from 'node:fs';
import { resolveRef, type OpenApiDocument, type SchemaObject } from '../../mock-server/contract/contract.js';

/** A property agentOS's evidence contradicts: a pact that expects it will break on live agentOS. */
export interface Contradiction {
  readonly property: string;
  /** The schemas it applies to (by component name, through $ref and allOf), or every schema. */
  readonly schemas: '*' | readonly string[];
  readonly evidence: string;
  readonly instead?: string;
}

export interface LabelFindings {
  /** Expected properties the contract labels `x-kit-assumption`: they may not exist live. */
  readonly warnings: string[];
  /** Expected properties agentOS's evidence contradicts. */
  readonly failures: string[];
  /** Every place (`$.Data[3].Town`) a contradicted property was expected, for de-duplicating other reports. */
  readonly contradictedAt: Set<string>;
}

/** The list beside the contract (contracts/agentos-contradicted.json), plus each schema's own `x-agentos-contradicted`. */
export function loadContradictions(document: OpenApiDocument, listFile: string | undefined): Contradiction[] {
  const list: Contradiction[] = [];
  if (listFile) {
    const parsed = JSON.parse(readFileSync(listFile, 'utf8')) as { contradicted?: Contradiction[] };
    if (!Array.isArray(parsed.contradicted)) throw new Error(`${listFile}: no "contradicted" list`);
    list.push(...parsed.contradicted);
  }
  const schemas = ((document.components as { schemas?: Record<string, SchemaObject> } | undefined)?.schemas ??
    {}) as Record<string, SchemaObject>;
  for (const [name, schema] of Object.entries(schemas)) {
    const own = schema['x-agentos-contradicted'] as
      Record<string, { evidence: string; instead?: string } | string> | undefined;
    for (const [property, entry] of Object.entries(own ?? {})) {
      list.push(
        typeof entry === 'string'
          ? { property, schemas: [name], evidence: entry }
          : {
              property,
              schemas: [name],
              evidence: entry.evidence,
              ...(entry.instead ? { instead: entry.instead } : {}),
            },
      );
    }
  }
  return list;
}

interface Shape {
  readonly names: Set<string>;
  readonly properties: Map<string, SchemaObject>;
  readonly items: SchemaObject[];
}

const COMBINERS = ['allOf', 'oneOf', 'anyOf'] as const;

/** A schema's component names, properties and array items, through $ref and every combiner. */
function shapeOf(document: OpenApiDocument, schema: unknown, shape: Shape, depth = 0): Shape {
  if (!schema || typeof schema !== 'object' || depth > 32) return shape;
  const reference = (schema as { $ref?: unknown }).$ref;
  if (typeof reference === 'string') {
    shape.names.add(reference.split('/').pop() as string);
    return shapeOf(document, resolveRef<SchemaObject>(document, schema as SchemaObject), shape, depth + 1);
  }
  const object = schema as SchemaObject;
  for (const combiner of COMBINERS)
    for (const branch of (object[combiner] as unknown[] | undefined) ?? []) shapeOf(document, branch, shape, depth + 1);
  for (const [name, property] of Object.entries((object.properties as Record<string, SchemaObject>) ?? {}))
    shape.properties.set(name, property);
  if (object.items && typeof object.items === 'object') shape.items.push(object.items as SchemaObject);
  return shape;
}

/** The property's `x-kit-assumption`, on the property or on the schema it references. */
function assumptionOf(document: OpenApiDocument, property: SchemaObject): string | undefined {
  const own = property['x-kit-assumption'];
  if (typeof own === 'string') return own;
  const target = typeof property.$ref === 'string' ? resolveRef<SchemaObject>(document, property) : undefined;
  return typeof target?.['x-kit-assumption'] === 'string' ? target['x-kit-assumption'] : undefined;
}

/**
 * Walks a pact's example body along the contract schema it is held to, and reads the labels of
 * every property it expects: one line per property and schema (the first place it occurs).
 */
export function labelFindings(
  document: OpenApiDocument,
  schema: SchemaObject,
  body: unknown,
  contradictions: readonly Contradiction[],
): LabelFindings {
  const warnings = new Map<string, string>();
  const failures = new Map<string, string>();
  const contradictedAt = new Set<string>();
  const walk = (node: unknown, value: unknown, where: string): void => {
    const shape = shapeOf(document, node, { names: new Set(), properties: new Map(), items: [] });
    if (Array.isArray(value)) {
      value.forEach((item, index) => shape.items.forEach((items) => walk(items, item, `${where}[${index}]`)));
      return;
    }
    if (!value || typeof value !== 'object') return;
    const owner = [...shape.names].join('/') || 'an inline schema';
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const property = shape.properties.get(key);
      // The contract is the authority on what a schema has: the list explains what it leaves out.
      // (So an older contract that still declares a contradicted property keeps its pacts valid.)
      const contradiction = property
        ? undefined
        : contradictions.find(
            (entry) =>
              entry.property === key && (entry.schemas === '*' || entry.schemas.some((name) => shape.names.has(name))),
          );
      if (contradiction) {
        contradictedAt.add(`${where}.${key}`);
        const instead = contradiction.instead ? `; use ${contradiction.instead}` : '';
        if (!failures.has(`${owner}.${key}`))
          failures.set(
            `${owner}.${key}`,
            `${where}.${key}: expects ${key}, which agentOS's evidence contradicts: ${contradiction.evidence}${instead}`,
          );
        continue;
      }
      if (!property) continue;
      const assumption = assumptionOf(document, property);
      if (assumption && !warnings.has(`${owner}.${key}`))
        warnings.set(
          `${owner}.${key}`,
          `${where}.${key}: relies on ${key}, a kit assumption that may not exist live: ${assumption}`,
        );
      walk(property, child, `${where}.${key}`);
    }
  };
  walk(schema, body, '$');
  return { warnings: [...warnings.values()], failures: [...failures.values()], contradictedAt };
}
