// Our contract as drift reads it: operations, their parameters and answers, and the few
// conventions (paging parameters, the list envelope, the agency segment) derived from the
// document itself, so a rewritten contract needs no change here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { CONTRACT_FILE, contractsDirectory } from '../../mock-server/contract/contract.js';
import { SchemaWalker, type Json, type SchemaView } from './schema-view.js';

export interface ParameterView {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Json;
}

export interface OperationView {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly ParameterView[];
  /** Statuses the contract declares for the operation. */
  readonly statuses: ReadonlySet<string>;
  /** The 2xx answer's schema node and its JSONPath segments. */
  readonly success?: { readonly status: string; readonly schema: Json; readonly segments: (string | number)[] };
  /** The JSON request body's schema, when the operation takes one. */
  readonly requestBody?: { readonly schema: Json; readonly segments: (string | number)[] };
  /** Response headers the contract declares, by status. */
  readonly headers: ReadonlyMap<string, ReadonlySet<string>>;
  /** `offset`/`count`-style integer path parameters: first, then page size. */
  readonly paging?: { readonly offset: ParameterView; readonly count: ParameterView };
}

/** The paged answer's envelope: which property holds the items and which the total. */
export interface Envelope {
  readonly countKey: string;
  readonly dataKey: string;
}

export interface ContractModel {
  readonly document: Json;
  readonly walker: SchemaWalker;
  readonly title: string;
  readonly version: string;
  readonly operations: readonly OperationView[];
  /** The path parameter every operation has (the agency's short name). */
  readonly agencyParameter?: string;
  readonly envelope?: Envelope;
  /** Header names an API key may travel in. */
  readonly keyHeaders: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export function readDocument(path: string): Json {
  const text = readFileSync(path, 'utf8');
  const document = load(text, { schema: CORE_SCHEMA });
  if (document === null || typeof document !== 'object') throw new Error(`${path} is not a YAML or JSON document`);
  return document as Json;
}

export function defaultContractPath(): string {
  return join(contractsDirectory(), CONTRACT_FILE);
}

function pagingOf(parameters: readonly ParameterView[]): OperationView['paging'] {
  const integers = parameters.filter((parameter) => parameter.in === 'path' && parameter.schema.type === 'integer');
  if (integers.length !== 2) return undefined;
  // The page size is the one with the smaller ceiling (count <= 1000, offset up to int32).
  const [a, b] = integers as [ParameterView, ParameterView];
  const ceiling = (parameter: ParameterView): number => Number(parameter.schema.maximum ?? Number.MAX_SAFE_INTEGER);
  return ceiling(a) <= ceiling(b) ? { offset: b, count: a } : { offset: a, count: b };
}

function successOf(operation: Json, segments: (string | number)[]): OperationView['success'] {
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
  if (!status) return undefined;
  const content = (responses[status]?.content ?? {}) as Record<string, Json>;
  const type = Object.keys(content).find((name) => name.includes('json'));
  if (!type || !content[type]?.schema) return undefined;
  return {
    status,
    schema: content[type].schema as Json,
    segments: [...segments, 'responses', status, 'content', type, 'schema'],
  };
}

export function buildContractModel(document: Json): ContractModel {
  const walker = new SchemaWalker(document);
  const operations: OperationView[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...((operation.parameters as unknown[] | undefined) ?? [])].map((parameter) => {
        const node = walker.resolve(parameter, []).node;
        return {
          name: String(node.name),
          in: node.in as ParameterView['in'],
          required: node.required === true,
          schema: walker.resolve(node.schema ?? {}, []).node,
        };
      });
      const responses = (operation.responses ?? {}) as Record<string, unknown>;
      const headers = new Map<string, Set<string>>();
      for (const [status, response] of Object.entries(responses)) {
        const resolved = walker.resolve(response, []).node;
        headers.set(status, new Set(Object.keys((resolved.headers ?? {}) as Json).map((name) => name.toLowerCase())));
      }
      operations.push({
        operationId: String(operation.operationId ?? `${method} ${path}`),
        method,
        path,
        parameters,
        statuses: new Set(Object.keys(responses)),
        success: successOf(operation, ['paths', path, method]),
        requestBody: requestBodyOf(walker, operation, ['paths', path, method]),
        headers,
        paging: pagingOf(parameters),
      });
    }
  }
  const info = (document.info ?? {}) as Json;
  return {
    document,
    walker,
    title: String(info.title ?? 'contract'),
    version: String(info.version ?? ''),
    operations,
    agencyParameter: agencyParameterOf(operations),
    envelope: envelopeOf(walker, operations),
    keyHeaders: keyHeadersOf(document),
  };
}

function requestBodyOf(
  walker: SchemaWalker,
  operation: Json,
  segments: (string | number)[],
): OperationView['requestBody'] {
  if (!operation.requestBody) return undefined;
  const body = walker.resolve(operation.requestBody, [...segments, 'requestBody']);
  const content = (body.node.content ?? {}) as Record<string, Json>;
  const type = Object.keys(content).find((name) => name.includes('json'));
  if (!type || !content[type]?.schema) return undefined;
  return { schema: content[type].schema as Json, segments: [...body.segments, 'content', type, 'schema'] };
}

function agencyParameterOf(operations: readonly OperationView[]): string | undefined {
  const first = operations[0]?.parameters.filter((parameter) => parameter.in === 'path') ?? [];
  return first.find((candidate) =>
    operations.every((operation) => operation.parameters.some((parameter) => parameter.name === candidate.name)),
  )?.name;
}

/** The envelope of the first paged operation: its array property and its integer property. */
function envelopeOf(walker: SchemaWalker, operations: readonly OperationView[]): Envelope | undefined {
  for (const operation of operations) {
    if (!operation.paging || !operation.success) continue;
    const view = walker.view(operation.success.schema, operation.success.segments);
    let dataKey: string | undefined;
    let countKey: string | undefined;
    for (const [name, property] of view.properties) {
      const inner = walker.view(property.written, property.segments);
      if (inner.types.has('array')) dataKey ??= name;
      else if (inner.types.has('integer')) countKey ??= name;
    }
    if (dataKey && countKey) return { dataKey, countKey };
  }
  return undefined;
}

function keyHeadersOf(document: Json): string[] {
  const schemes = (((document.components ?? {}) as Json).securitySchemes ??
    document.securityDefinitions ??
    {}) as Record<string, Json>;
  return Object.values(schemes)
    .filter((scheme) => scheme.type === 'apiKey' && scheme.in === 'header')
    .map((scheme) => String(scheme.name));
}

/** The schema of a list's items: the envelope's array, or the array itself. */
export function itemsView(
  model: ContractModel,
  schema: Json,
  segments: (string | number)[] = [],
): SchemaView | undefined {
  const view = model.walker.view(schema, segments);
  if (view.items) return model.walker.view(view.items, view.itemsSegments ?? []);
  const data = model.envelope ? view.properties.get(model.envelope.dataKey) : undefined;
  if (!data) return undefined;
  const inner = model.walker.view(data.written, data.segments);
  return inner.items ? model.walker.view(inner.items, inner.itemsSegments ?? []) : undefined;
}
