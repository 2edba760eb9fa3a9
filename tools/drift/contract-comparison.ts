// Observed shape against the contract's schema, place by place: provider-only and missing
// properties, types, formats, patterns and enum values. A `null` is never held against a type:
// whether empty values are written as null or left out is a reading (`--nulls`), not drift.
import type { Finding } from './report-model.js';
import { typeFits, type JsonType, type Label, type SchemaView, type SchemaWalker } from './schema-view.js';
import { formatsSeen, typesSeen, type Shape } from './shape-inference.js';
import { contractFormatFor, formatFits } from './string-formats.js';

export interface CompareContext {
  readonly operation: string;
  readonly schema?: string;
  readonly path: string;
  readonly label?: Label;
}

const OBSERVED_BY = 'Observed on the provider by agentos-contacts drift; no agentOS document names it yet.';

function describeTypes(types: Iterable<string>): string {
  return [...types].join(' | ') || 'any';
}

/** A schema for a property only the provider has, from its shape alone. */
export function schemaFromShape(shape: Shape): Record<string, unknown> {
  const types = typesSeen(shape).filter((type) => type !== 'null');
  const schema: Record<string, unknown> = {};
  if (types.length === 1) schema.type = types[0];
  else if (types.length > 1) schema.type = types;
  if (shape.types.null) schema.type = [...types, 'null'];
  const formats = formatsSeen(shape).filter((format) => format !== 'empty');
  const format = formats.length === 1 ? contractFormatFor(formats[0] as never) : undefined;
  if (format) schema.format = format;
  if (shape.items) schema.items = schemaFromShape(shape.items);
  if (shape.objects > 0) {
    schema.properties = Object.fromEntries(
      Object.entries(shape.properties).map(([name, entry]) => [name, schemaFromShape(entry.shape)]),
    );
  }
  schema['x-kit-assumption'] = OBSERVED_BY;
  return schema;
}

function dominantType(shape: Shape): JsonType | undefined {
  return typesSeen(shape).find((type) => type !== 'null');
}

export function compareShape(walker: SchemaWalker, view: SchemaView, shape: Shape, context: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const base = { operation: context.operation, schema: view.name ?? context.schema, path: context.path || '(body)' };
  const labelled = context.label ? { label: context.label } : {};
  const observedTypes = typesSeen(shape).filter((type) => type !== 'null');
  const misfits = observedTypes.filter((type) => !typeFits(type, view.types));
  if (misfits.length > 0) {
    findings.push({
      ...base,
      ...labelled,
      severity: 'error',
      category: 'type',
      message: `${base.path} is ${describeTypes(observedTypes)} on the provider; the contract says ${describeTypes(view.types)}.`,
      expected: describeTypes(view.types),
      observed: describeTypes(observedTypes),
      overlay: {
        kind: 'set',
        at: view.at,
        update: { type: observedTypes.length === 1 ? observedTypes[0] : observedTypes },
        removeKeys: observedTypes.includes('string') ? [] : ['format', 'pattern'],
      },
    });
    return findings; // the children of a value of another type say nothing more
  }
  if (shape.types.string) {
    const formats = formatsSeen(shape);
    const unfit = formats.filter((format) => formatFits(view.format, format) === false);
    if (unfit.length > 0) {
      const format = unfit.length === 1 ? contractFormatFor(unfit[0] as never) : undefined;
      findings.push({
        ...base,
        ...labelled,
        severity: 'error',
        category: 'format',
        message: `${base.path} looks like ${unfit.join(', ')} on the provider; the contract says format ${view.format}.`,
        expected: view.format,
        observed: unfit.join(', '),
        overlay: format
          ? { kind: 'set', at: view.at, update: { format } }
          : { kind: 'set', at: view.at, update: {}, removeKeys: ['format'] },
      });
    }
    if (shape.patternMisses > 0) {
      findings.push({
        ...base,
        ...labelled,
        severity: 'error',
        category: 'pattern',
        message: `${shape.patternMisses} of ${shape.types.string} values of ${base.path} do not match the contract's pattern (they look like ${formats.join(', ')}).`,
        expected: view.pattern,
        observed: formats.join(', '),
        overlay: { kind: 'set', at: view.at, update: {}, removeKeys: ['pattern'] },
      });
    }
  }
  if (shape.enumOutside > 0 && view.enumValues) {
    const outside = Object.keys(shape.enumSeen).filter((value) => !view.enumValues?.map(String).includes(value));
    findings.push({
      ...base,
      ...labelled,
      severity: 'warning',
      category: 'enum',
      message:
        outside.length > 0
          ? `${base.path} has values outside the contract's list: ${outside.join(', ')}.`
          : `${shape.enumOutside} values of ${base.path} are outside the contract's list (a personal field: values not kept).`,
      observed: outside.join(', ') || undefined,
      overlay: outside.length > 0 ? { kind: 'add-enum', at: view.at, values: outside } : undefined,
    });
  }
  if (shape.objects > 0 && (view.properties.size > 0 || view.propertiesAt)) {
    findings.push(...compareProperties(walker, view, shape, context, base));
  }
  if (shape.items && view.items) {
    const items = walker.view(view.items, view.itemsSegments ?? []);
    findings.push(
      ...compareShape(walker, items, shape.items, { ...context, path: `${context.path}[]`, label: undefined }),
    );
  }
  return findings;
}

/**
 * Which provider-only property may be a contract property under a new name: same JSON type,
 * and a name containing the old one (or the reverse) first. Each is paired at most once.
 */
function pairRenames(
  walker: SchemaWalker,
  view: SchemaView,
  missing: readonly string[],
  extras: ReadonlyArray<readonly [string, { shape: Shape }]>,
): Map<string, string> {
  const candidates: Array<{ extra: string; from: string; score: number }> = [];
  for (const [extra, entry] of extras) {
    const type = dominantType(entry.shape);
    for (const from of missing) {
      const property = view.properties.get(from);
      if (!property || type === undefined || !typeFits(type, walker.view(property.written, property.segments).types))
        continue;
      const similar =
        extra.toLowerCase().includes(from.toLowerCase()) || from.toLowerCase().includes(extra.toLowerCase());
      candidates.push({ extra, from, score: similar ? 2 : 1 });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const pairs = new Map<string, string>();
  const taken = new Set<string>();
  for (const candidate of candidates) {
    if (pairs.has(candidate.extra) || taken.has(candidate.from)) continue;
    pairs.set(candidate.extra, candidate.from);
    taken.add(candidate.from);
  }
  return pairs;
}

function compareProperties(
  walker: SchemaWalker,
  view: SchemaView,
  shape: Shape,
  context: CompareContext,
  base: { operation: string; schema?: string; path: string },
): Finding[] {
  const findings: Finding[] = [];
  const prefix = context.path ? `${context.path}.` : '';
  const missing: string[] = [];
  const unobserved: string[] = [];
  for (const [name, property] of view.properties) {
    const present = shape.properties[name]?.present ?? 0;
    const where = `${prefix}${name}`;
    if (property.required && present < shape.objects) {
      missing.push(name);
      findings.push({
        ...base,
        path: where,
        label: property.label,
        severity: 'error',
        category: 'missing-required-property',
        message: `${where} is required by the contract but absent in ${shape.objects - present} of ${shape.objects} answers.`,
        expected: 'present',
        observed: present === 0 ? 'never present' : `present in ${present} of ${shape.objects}`,
        overlay: property.requiredBy
          ? {
              kind: 'unrequire',
              requiredOwnerAt: property.requiredBy.at,
              required: property.requiredBy.list.filter((entry) => entry !== name),
            }
          : undefined,
      });
    } else if (present === 0) {
      unobserved.push(name);
    }
    const inner = shape.properties[name];
    if (inner && inner.present > 0) {
      const innerView = walker.view(property.written, property.segments);
      findings.push(
        ...compareShape(walker, innerView, inner.shape, {
          ...context,
          schema: view.name ?? context.schema,
          path: where,
          label: property.label,
        }),
      );
    }
  }
  if (unobserved.length > 0) {
    findings.push({
      ...base,
      path: context.path || '(body)',
      severity: 'info',
      category: 'unobserved-property',
      message: `optional, in none of ${shape.objects} answers: ${unobserved.map((name) => `${prefix}${name}`).join(', ')}.`,
    });
  }
  const extras = Object.entries(shape.properties).filter(([name]) => !view.properties.has(name));
  const renames = pairRenames(walker, view, missing, extras);
  for (const [name, entry] of extras) {
    const where = `${prefix}${name}`;
    const renamedFrom = renames.get(name);
    const formats = formatsSeen(entry.shape);
    findings.push({
      ...base,
      path: where,
      severity: 'warning',
      category: 'provider-only-property',
      message:
        `${where} (${describeTypes(typesSeen(entry.shape))}${formats.length ? `, ${formats.join('/')}` : ''}) is sent by the provider in ${entry.present} of ${shape.objects} answers; the contract does not have it` +
        (renamedFrom ? ` (perhaps ${prefix}${renamedFrom}, renamed).` : '.'),
      observed: describeTypes(typesSeen(entry.shape)),
      overlay: view.propertiesAt
        ? { kind: 'add-property', propertiesAt: view.propertiesAt, name, schema: schemaFromShape(entry.shape) }
        : undefined,
    });
  }
  return findings;
}
