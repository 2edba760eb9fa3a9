// A walk over an OpenAPI / Swagger document's schemas that merges `allOf`, follows local `$ref`s
// and remembers where each property is written, so findings can name a contract label and the
// overlay can point at the node to change. Nothing here knows any field name.

export type Json = Record<string, unknown>;

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export const EVIDENCE_LABEL = 'x-agentos-evidence';
export const ASSUMPTION_LABEL = 'x-kit-assumption';
export const PERSONAL_MARK = 'x-personal-data';

/** How sure the contract was about a property: the label it carries, with its text. */
export interface Label {
  readonly kind: 'x-agentos-evidence' | 'x-kit-assumption' | 'unlabelled';
  readonly text?: string;
}

/** One property of an object schema as the document writes it. */
export interface PropertyView {
  readonly name: string;
  /** The property's schema, references followed (the node as written may be a `$ref`). */
  readonly schema: Json;
  /** The node as written and where: `walker.view(written, segments)` views the property. */
  readonly written: Json;
  readonly segments: (string | number)[];
  readonly label: Label;
  readonly personal: boolean;
  readonly required: boolean;
  /** Where the `required` list naming it is (JSONPath of its owner), and that list. */
  readonly requiredBy?: { readonly at: string; readonly list: readonly string[] };
  /** Normalised JSONPath (RFC 9535) of the property node, e.g. `$['components']['schemas']['Tenant']['properties']['OID']`. */
  readonly at: string;
}

/** A schema seen as a whole: its types, and (for objects) its merged properties. */
export interface SchemaView {
  readonly types: ReadonlySet<JsonType>;
  readonly format?: string;
  readonly pattern?: string;
  readonly enumValues?: readonly unknown[];
  readonly properties: ReadonlyMap<string, PropertyView>;
  readonly items?: Json;
  /** Where `items` is written (path segments), so an inline item schema can still be pointed at. */
  readonly itemsSegments?: (string | number)[];
  /** JSONPath of the `properties` object to add new properties to, and of the `required` owner. */
  readonly propertiesAt?: string;
  /** The `$ref` name the schema was reached through, e.g. `Tenant`. */
  readonly name?: string;
  /** JSONPath of the schema node itself (after references). */
  readonly at: string;
}

const MAX_DEPTH = 24;

export function jsonPathOf(segments: readonly (string | number)[]): string {
  return `$${segments.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `['${segment.replace(/'/g, "\\'")}']`)).join('')}`;
}

function pointerSegments(ref: string): string[] {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export class SchemaWalker {
  constructor(readonly document: Json) {}

  /** Follows `$ref` chains; returns the node and the path segments where it lives. */
  resolve(
    node: unknown,
    segments: readonly (string | number)[],
  ): { node: Json; segments: (string | number)[]; name?: string } {
    let current = (node ?? {}) as Json;
    let at = [...segments];
    let name: string | undefined;
    for (let hops = 0; typeof current.$ref === 'string' && hops < MAX_DEPTH; hops++) {
      const ref = current.$ref;
      if (!ref.startsWith('#/')) throw new Error(`only local references are read: ${ref}`);
      at = pointerSegments(ref);
      name = at[at.length - 1] as string;
      let target: unknown = this.document;
      for (const segment of at) target = (target as Json | undefined)?.[segment];
      if (target === undefined || target === null) throw new Error(`unresolved reference ${ref}`);
      current = target as Json;
    }
    return { node: current, segments: at, name };
  }

  view(node: unknown, segments: readonly (string | number)[] = [], depth = 0): SchemaView {
    const resolved = this.resolve(node, segments);
    const schema = resolved.node;
    const types = new Set<JsonType>(typesOf(schema));
    const properties = new Map<string, PropertyView>();
    let propertiesAt: string | undefined;
    let items = schema.items as Json | undefined;
    let itemsSegments = items ? [...resolved.segments, 'items'] : undefined;
    let format = schema.format as string | undefined;
    let pattern = schema.pattern as string | undefined;
    let enumValues = enumOf(schema);
    const required = new Set<string>((schema.required as string[] | undefined) ?? []);
    // allOf merges; oneOf/anyOf widen (a property of any branch may appear, none is required).
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const branches = (schema[keyword] as unknown[] | undefined) ?? [];
      branches.forEach((branch, index) => {
        if (depth >= MAX_DEPTH) return;
        const inner = this.view(branch, [...resolved.segments, keyword, index], depth + 1);
        for (const type of inner.types) types.add(type);
        for (const [name, property] of inner.properties) {
          properties.set(
            name,
            keyword === 'allOf' ? property : { ...property, required: false, requiredBy: undefined },
          );
        }
        if (keyword === 'allOf' && inner.propertiesAt) propertiesAt = inner.propertiesAt;
        if (!items && inner.items) {
          items = inner.items;
          itemsSegments = inner.itemsSegments;
        }
        format ??= inner.format;
        pattern ??= inner.pattern;
        enumValues ??= inner.enumValues;
      });
    }
    const own = (schema.properties as Record<string, unknown> | undefined) ?? undefined;
    if (own) {
      propertiesAt = jsonPathOf([...resolved.segments, 'properties']);
      for (const [name, property] of Object.entries(own)) {
        const written = property as Json;
        const target = this.resolve(written, []).node;
        properties.set(name, {
          name,
          schema: target,
          written,
          segments: [...resolved.segments, 'properties', name],
          label: labelOf(written, target),
          personal: written[PERSONAL_MARK] === true || target[PERSONAL_MARK] === true,
          required: false,
          at: jsonPathOf([...resolved.segments, 'properties', name]),
        });
      }
    }
    for (const [name, property] of properties) {
      if (required.has(name)) {
        const requiredBy = { at: jsonPathOf(resolved.segments), list: [...required] };
        properties.set(name, { ...property, required: true, requiredBy });
      }
    }
    if (properties.size > 0 && types.size === 0) types.add('object');
    return {
      types,
      format,
      pattern,
      enumValues,
      properties,
      items,
      itemsSegments,
      propertiesAt,
      name: resolved.name,
      at: jsonPathOf(resolved.segments),
    };
  }
}

function enumOf(schema: Json): readonly unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

function typesOf(schema: Json): JsonType[] {
  const declared = schema.type;
  const list = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  const types = list.filter((type): type is JsonType => typeof type === 'string') as JsonType[];
  if (schema.nullable === true || schema['x-nullable'] === true) types.push('null');
  if (types.length === 0 && schema.items !== undefined) types.push('array');
  return types;
}

/** The label beside a `$ref` wins over the one on its target (the property's own words). */
export function labelOf(written: Json, target: Json): Label {
  for (const node of [written, target]) {
    if (typeof node[EVIDENCE_LABEL] === 'string') return { kind: EVIDENCE_LABEL, text: node[EVIDENCE_LABEL] };
    if (typeof node[ASSUMPTION_LABEL] === 'string') return { kind: ASSUMPTION_LABEL, text: node[ASSUMPTION_LABEL] };
  }
  return { kind: 'unlabelled' };
}

/** Does a value of JSON type `observed` fit a schema that allows `allowed`? (No types: anything.) */
export function typeFits(observed: JsonType, allowed: ReadonlySet<JsonType>): boolean {
  if (allowed.size === 0) return true;
  if (allowed.has(observed)) return true;
  return observed === 'integer' && allowed.has('number');
}
