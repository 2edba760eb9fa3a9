// The shape of what a provider answered: names, JSON types, null vs absent, string formats, and
// enum values only where the contract types the field as a (non-personal) enum. No other value
// is kept, so nothing personal can reach a report.
import { classifyString, type StringFormat } from './string-formats.js';
import type { JsonType, PropertyView, SchemaView, SchemaWalker } from './schema-view.js';

export interface Shape {
  /** Values observed at this place. */
  seen: number;
  types: Partial<Record<JsonType, number>>;
  formats: Partial<Record<StringFormat, number>>;
  /** Strings that do not match the contract's `pattern`. */
  patternMisses: number;
  /** Values of a contract enum, by value (only for non-personal enum fields). */
  enumSeen: Record<string, number>;
  /** Values outside the contract enum (counted for personal fields too, never kept). */
  enumOutside: number;
  /** Objects observed here, and how often each property was present in them. */
  objects: number;
  properties: Record<string, { present: number; shape: Shape }>;
  items?: Shape;
}

export function emptyShape(): Shape {
  return {
    seen: 0,
    types: {},
    formats: {},
    patternMisses: 0,
    enumSeen: {},
    enumOutside: 0,
    objects: 0,
    properties: {},
  };
}

/** The contract's view of one place, resolved only when a value reaches it. */
export class Guide {
  private cached?: SchemaView;
  constructor(
    private readonly walker: SchemaWalker,
    private readonly node: unknown,
    private readonly segments: (string | number)[],
    readonly personal = false,
  ) {}

  static ofProperty(walker: SchemaWalker, property: PropertyView, personalParent: boolean): Guide {
    return new Guide(walker, property.written, property.segments, personalParent || property.personal);
  }

  get view(): SchemaView {
    this.cached ??= this.walker.view(this.node, this.segments);
    return this.cached;
  }

  child(name: string): Guide | undefined {
    const property = this.view.properties.get(name);
    return property ? Guide.ofProperty(this.walker, property, this.personal) : undefined;
  }

  items(): Guide | undefined {
    const view = this.view;
    return view.items ? new Guide(this.walker, view.items, view.itemsSegments ?? [], this.personal) : undefined;
  }
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

const bump = <K extends string>(counts: Partial<Record<K, number>>, key: K): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Folds one value into a shape; arrays fold every item into one item shape. */
export function observe(shape: Shape, value: unknown, guide: Guide | undefined, depth = 0): void {
  shape.seen += 1;
  const type = jsonTypeOf(value);
  bump(shape.types, type);
  if (depth > 32) return;
  const view = guide?.view;
  if (type === 'string') {
    bump(shape.formats, classifyString(value as string));
    if (view?.pattern !== undefined && !safeTest(view.pattern, value as string)) shape.patternMisses += 1;
  }
  if (view?.enumValues && type !== 'null') {
    if (!view.enumValues.includes(value)) {
      shape.enumOutside += 1;
      if (!guide?.personal && (type === 'string' || type === 'integer')) bump(shape.enumSeen, String(value));
    } else if (!guide?.personal) bump(shape.enumSeen, String(value));
  }
  if (type === 'array') {
    shape.items ??= emptyShape();
    const inner = guide?.items();
    for (const item of value as unknown[]) observe(shape.items, item, inner, depth + 1);
  } else if (type === 'object') {
    shape.objects += 1;
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      const entry = (shape.properties[name] ??= { present: 0, shape: emptyShape() });
      entry.present += 1;
      observe(entry.shape, inner, guide?.child(name), depth + 1);
    }
  }
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true; // a pattern this engine cannot read is not held against the provider
  }
}

/** The JSON types seen, most frequent first. */
export function typesSeen(shape: Shape): JsonType[] {
  return (Object.entries(shape.types) as [JsonType, number][]).sort((a, b) => b[1] - a[1]).map(([type]) => type);
}

export function formatsSeen(shape: Shape): StringFormat[] {
  return (Object.entries(shape.formats) as [StringFormat, number][]).sort((a, b) => b[1] - a[1]).map(([f]) => f);
}
