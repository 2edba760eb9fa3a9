// Our contract against the provider's own document: routes, parameters, and the properties of
// each route's answer schema, by operation and by schema.
import type { ContractModel, OperationView } from './contract-model.js';
import type { ProviderDocument, ProviderOperation } from './provider-document.js';
import type { Finding } from './report-model.js';
import type { SchemaView, SchemaWalker } from './schema-view.js';

/** Case-insensitive (agentOS routes so), parameter names ignored. */
export function routeKey(method: string, path: string): string {
  return `${method.toLowerCase()} ${path
    .replace(/\{[^}]+\}/g, '{}')
    .replace(/\/$/, '')
    .toLowerCase()}`;
}

/** Our paths' common literal prefix (`/v4/contacts/`), so other tiers in the document are ignored. */
function commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0] as string;
  for (const path of paths) while (!path.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/\{[^}]*$/, '').toLowerCase();
}

/** integer and number are one JSON type for comparing documents (generators differ on it). */
const numeric = (text: string): string => text.replace('integer', 'number');

const types = (view: SchemaView): string =>
  [...view.types]
    .filter((type) => type !== 'null')
    .sort()
    .join(' | ');

/** The named schema a property is written in (`allOf` parts included), from where it lives. */
function ownerName(segments: readonly (string | number)[]): string | undefined {
  if (segments[0] === 'components' && segments[1] === 'schemas' && typeof segments[2] === 'string') return segments[2];
  if (segments[0] === 'definitions' && typeof segments[1] === 'string') return segments[1];
  return undefined;
}

function hasSchema(walker: SchemaWalker, name: string): boolean {
  const document = walker.document as { components?: { schemas?: object }; definitions?: object };
  return Boolean(
    (document.components?.schemas && name in document.components.schemas) ||
    (document.definitions && name in document.definitions),
  );
}

/** Our and the provider's name for the schema that writes a property: its owner where both have it. */
function ownerNames(
  ours: { walker: SchemaWalker; view: SchemaView },
  theirs: { walker: SchemaWalker; view: SchemaView },
  segments: readonly (string | number)[],
): { ours: string; theirs: string } {
  const owner = ownerName(segments);
  if (owner && hasSchema(ours.walker, owner) && hasSchema(theirs.walker, owner)) return { ours: owner, theirs: owner };
  return { ours: ours.view.name ?? 'schema', theirs: theirs.view.name ?? 'schema' };
}

function compareSchemas(
  ours: { walker: SchemaWalker; view: SchemaView },
  theirs: { walker: SchemaWalker; view: SchemaView },
  operation: string,
  path: string,
  depth: number,
): Finding[] {
  if (depth > 12) return [];
  const findings: Finding[] = [];
  const names = `${ours.view.name ?? 'inline'} vs the provider's ${theirs.view.name ?? 'inline'}`;
  const base = { operation, schema: ours.view.name, category: 'provider-document' as const };
  const where = path || '(body)';
  const ourTypes = types(ours.view);
  const theirTypes = types(theirs.view);
  if (ourTypes && theirTypes && numeric(ourTypes) !== numeric(theirTypes)) {
    findings.push({
      ...base,
      path: where,
      severity: 'error',
      message: `${where} (${names}): ours is ${ourTypes}, the provider's document says ${theirTypes}.`,
      expected: ourTypes,
      observed: theirTypes,
    });
    return findings;
  }
  if (ours.view.format !== theirs.view.format && ours.view.format && theirs.view.format) {
    findings.push({
      ...base,
      path: where,
      severity: 'warning',
      message: `${where} (${names}): format ${ours.view.format} here, ${theirs.view.format} in the provider's document.`,
      expected: ours.view.format,
      observed: theirs.view.format,
    });
  }
  const prefix = path ? `${path}.` : '';
  const owners = (segments: readonly (string | number)[]) => ownerNames(ours, theirs, segments);
  for (const [name, property] of ours.view.properties) {
    const other = theirs.view.properties.get(name);
    if (!other) {
      findings.push({
        ...base,
        path: `${prefix}${name}`,
        label: property.label,
        severity: 'error',
        message: `${prefix}${name} is in our ${owners(property.segments).ours}; the provider's ${owners(property.segments).theirs} has no such property.`,
      });
      continue;
    }
    findings.push(
      ...compareSchemas(
        { walker: ours.walker, view: ours.walker.view(property.written, property.segments) },
        { walker: theirs.walker, view: theirs.walker.view(other.written, other.segments) },
        operation,
        `${prefix}${name}`,
        depth + 1,
      ),
    );
  }
  for (const [name, other] of theirs.view.properties) {
    if (!ours.view.properties.has(name)) {
      const named = owners(other.segments);
      findings.push({
        ...base,
        path: `${prefix}${name}`,
        severity: 'warning',
        message: `${prefix}${name} is in the provider's ${named.theirs}; our ${named.ours} lacks it.`,
      });
    }
  }
  if (ours.view.items && theirs.view.items) {
    findings.push(
      ...compareSchemas(
        { walker: ours.walker, view: ours.walker.view(ours.view.items, ours.view.itemsSegments ?? []) },
        { walker: theirs.walker, view: theirs.walker.view(theirs.view.items, theirs.view.itemsSegments ?? []) },
        operation,
        `${path}[]`,
        depth + 1,
      ),
    );
  }
  return findings;
}

function compareParameters(ours: OperationView, theirs: ProviderOperation): Finding[] {
  const findings: Finding[] = [];
  const key = (parameter: { name: string; in: string }): string => `${parameter.in}:${parameter.name.toLowerCase()}`;
  const theirByKey = new Map(theirs.parameters.map((parameter) => [key(parameter), parameter]));
  const ourKeys = new Set(ours.parameters.map(key));
  const base = { operation: ours.operationId, category: 'parameter' as const };
  for (const parameter of ours.parameters) {
    const other = theirByKey.get(key(parameter));
    if (!other) {
      findings.push({
        ...base,
        severity: 'error',
        path: parameter.name,
        message: `${parameter.in} parameter ${parameter.name} is in our contract, not in the provider's document.`,
      });
    } else if (
      other.type &&
      parameter.schema.type &&
      numeric(String(other.type)) !== numeric(String(parameter.schema.type))
    ) {
      findings.push({
        ...base,
        severity: 'warning',
        path: parameter.name,
        message: `${parameter.name} is ${String(parameter.schema.type)} here, ${other.type} in the provider's document.`,
        expected: String(parameter.schema.type),
        observed: other.type,
      });
    } else if (other.required !== parameter.required) {
      findings.push({
        ...base,
        severity: 'warning',
        path: parameter.name,
        message: `${parameter.name} is ${parameter.required ? 'required' : 'optional'} here, ${other.required ? 'required' : 'optional'} in the provider's document.`,
      });
    }
  }
  for (const parameter of theirs.parameters) {
    if (!ourKeys.has(key(parameter))) {
      findings.push({
        ...base,
        severity: 'warning',
        path: parameter.name,
        message: `${parameter.in} parameter ${parameter.name} is in the provider's document; our contract lacks it.`,
      });
    }
  }
  return findings;
}

export function compareProviderDocument(model: ContractModel, provider: ProviderDocument): Finding[] {
  const findings: Finding[] = [];
  const theirs = new Map(
    provider.operations.map((operation) => [routeKey(operation.method, operation.path), operation]),
  );
  const ours = new Set(model.operations.map((operation) => routeKey(operation.method, operation.path)));
  const seen = new Set<string>();
  for (const operation of model.operations) {
    const other = theirs.get(routeKey(operation.method, operation.path));
    if (!other) {
      findings.push({
        severity: 'error',
        category: 'route',
        operation: operation.operationId,
        message: `${operation.method.toUpperCase()} ${operation.path} is in our contract, not in the provider's document.`,
      });
      continue;
    }
    findings.push(...compareParameters(operation, other));
    if (operation.success && other.success) {
      const schemaFindings = compareSchemas(
        { walker: model.walker, view: model.walker.view(operation.success.schema, operation.success.segments) },
        { walker: provider.walker, view: provider.walker.view(other.success.schema, other.success.segments) },
        operation.operationId,
        '',
        0,
      );
      // A schema shared by several routes is reported once, under the first route that uses it.
      for (const finding of schemaFindings) {
        const key = `${finding.schema}|${finding.path}|${finding.message}`;
        if (!seen.has(key)) findings.push(finding);
        seen.add(key);
      }
    }
  }
  const prefix = commonPrefix(model.operations.map((operation) => operation.path));
  for (const operation of provider.operations) {
    const key = routeKey(operation.method, operation.path);
    if (!ours.has(key) && operation.path.toLowerCase().startsWith(prefix)) {
      findings.push({
        severity: 'warning',
        category: 'route',
        message: `${operation.method.toUpperCase()} ${operation.path} is in the provider's document; our contract lacks it.`,
      });
    }
  }
  return findings;
}
