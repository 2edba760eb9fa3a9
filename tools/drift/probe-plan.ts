// Which requests to send for each operation of the contract, with parameters filled from what
// earlier answers revealed. Descriptions name the case, never the IDs used.
import type { ContractModel, OperationView, ParameterView } from './contract-model.js';
import type { DiscoveryPool } from './discovery-pool.js';
import type { ProbeRequest } from './probe-request.js';

export type ProbeKind =
  | 'page'
  | 'page-filtered'
  | 'record'
  | 'write'
  | 'no-key'
  | 'unknown-id'
  | 'count-below-min'
  | 'count-over-max'
  | 'bad-offset';

export interface PlannedProbe {
  readonly kind: ProbeKind;
  readonly operation: OperationView;
  readonly description: string;
  readonly expectedStatus: number;
  readonly request: ProbeRequest;
  /** The values used, by parameter name (kept in memory to derive negative cases). */
  readonly params: Readonly<Record<string, string>>;
}

export interface PlanSettings {
  readonly shortName: string;
  readonly integrator?: string;
  readonly pageSize: number;
}

const INTEGRATOR_PARAMETER = /^integrat(or|ion)$/i;

export function pathParameters(operation: OperationView): ParameterView[] {
  return operation.parameters.filter((parameter) => parameter.in === 'path');
}

/** The list operation whose path is this record route's without its last segment. */
function siblingList(model: ContractModel, operation: OperationView): OperationView | undefined {
  const prefix = operation.path.replace(/\/\{[^}]+\}$/, '');
  return model.operations.find(
    (candidate) =>
      candidate.paging !== undefined &&
      candidate.method === 'get' &&
      candidate.path.replace(/\/\{[^}]+\}\/\{[^}]+\}$/, '') === prefix,
  );
}

export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

function integratorQuery(operation: OperationView, settings: PlanSettings): Record<string, string> {
  const query: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === 'query' && settings.integrator && INTEGRATOR_PARAMETER.test(parameter.name)) {
      query[parameter.name] = settings.integrator;
    }
  }
  return query;
}

/** Fills every path parameter, or says which one nothing discovered so far can fill. */
export function fillParameters(
  model: ContractModel,
  operation: OperationView,
  pool: DiscoveryPool,
  settings: PlanSettings,
): { params: Record<string, string>; roles?: number } | { missing: string } {
  const params: Record<string, string> = {};
  const names = new Set(operation.parameters.map((parameter) => parameter.name));
  let roles: number | undefined;
  const firstId = pathParameters(operation).find(
    (parameter) =>
      parameter.name !== model.agencyParameter &&
      operation.paging?.offset !== parameter &&
      operation.paging?.count !== parameter,
  );
  // A child value (a field of an object) first: it fixes the parent parameters it was read under.
  for (const parameter of pathParameters(operation)) {
    if (parameter.name === model.agencyParameter || operation.paging?.offset === parameter) continue;
    if (operation.paging?.count === parameter) continue;
    const parent = pool.fromParent(parameter.name, names);
    if (!parent) continue;
    for (const [name, value] of Object.entries(parent.params)) if (names.has(name)) params[name] = value;
    params[parameter.name] = parent.value;
  }
  for (const parameter of pathParameters(operation)) {
    if (params[parameter.name] !== undefined) continue;
    if (parameter.name === model.agencyParameter) params[parameter.name] = settings.shortName;
    else if (operation.paging?.offset === parameter) params[parameter.name] = String(parameter.schema.minimum ?? 0);
    else if (operation.paging?.count === parameter) {
      params[parameter.name] = String(
        Math.min(settings.pageSize, Number(parameter.schema.maximum ?? settings.pageSize)),
      );
    } else {
      const parent = pool.fromParent(parameter.name, names);
      if (parent) {
        for (const [name, value] of Object.entries(parent.params)) if (names.has(name)) params[name] ??= value;
        params[parameter.name] = parent.value;
        continue;
      }
      const shared = pool.mostShared(parameter.name);
      const sibling = siblingList(model, operation);
      // A record route takes an ID its own list answered; a route about "any object" (custom
      // fields) takes any record's, but only for the object it is about (its first ID).
      const fallback = sibling
        ? pool.identifierFrom(sibling.operationId)
        : firstId === parameter
          ? pool.anyIdentifier()
          : undefined;
      const value = shared?.value ?? fallback;
      if (value === undefined) return { missing: parameter.name };
      if (shared) roles = shared.operations;
      params[parameter.name] = value;
    }
  }
  return { params, roles };
}

export function positiveProbe(
  operation: OperationView,
  params: Record<string, string>,
  settings: PlanSettings,
  roles?: number,
): PlannedProbe {
  const description = operation.paging
    ? `a page of ${params[operation.paging.count.name]}`
    : operation.method !== 'get'
      ? 'the value read, written back unchanged'
      : roles && roles > 1
        ? `found by discovery, seen in ${roles} lists`
        : 'found by discovery';
  return {
    kind: operation.method === 'get' ? (operation.paging ? 'page' : 'record') : 'write',
    operation,
    description,
    expectedStatus: Number(operation.success?.status ?? 200),
    params,
    request: {
      method: operation.method,
      path: fillPath(operation.path, params),
      query: integratorQuery(operation, settings),
      sendKey: true,
    },
  };
}

/** The same page filtered by each optional query parameter a discovered ID can fill (`branchID`). */
export function filteredProbes(probe: PlannedProbe, pool: DiscoveryPool): PlannedProbe[] {
  return probe.operation.parameters
    .filter((parameter) => parameter.in === 'query' && /id$/i.test(parameter.name))
    .flatMap((parameter) => {
      const value = pool.mostShared(parameter.name)?.value;
      if (value === undefined) return [];
      return [
        {
          ...probe,
          kind: 'page-filtered' as const,
          description: `${probe.description}, filtered by ${parameter.name}`,
          request: { ...probe.request, query: { ...probe.request.query, [parameter.name]: value } },
        },
      ];
    });
}

/** An ID of the same shape that no agency has: digits become 9s, lower-case letters f. */
export function unknownLike(value: string): string {
  return value.replace(/[0-9]/g, '9').replace(/[a-z]/g, 'f');
}

export function negativeProbes(
  model: ContractModel,
  done: readonly PlannedProbe[],
  largestListOperation?: string,
): PlannedProbe[] {
  const probes: PlannedProbe[] = [];
  const pages = done.filter((probe) => probe.kind === 'page');
  const first = pages[0];
  const variant = (
    base: PlannedProbe,
    kind: ProbeKind,
    description: string,
    expectedStatus: number,
    params: Record<string, string>,
    sendKey = true,
  ): PlannedProbe => ({
    ...base,
    kind,
    description,
    expectedStatus,
    params,
    request: { ...base.request, path: fillPath(base.operation.path, params), sendKey },
  });
  if (first) probes.push(variant(first, 'no-key', 'no API key', 401, first.params, false));
  for (const probe of done.filter((candidate) => candidate.kind === 'record')) {
    const parameter = pathParameters(probe.operation).find(
      (candidate) => candidate.name !== model.agencyParameter && probe.params[candidate.name] !== undefined,
    );
    if (!parameter) continue;
    const params = { ...probe.params, [parameter.name]: unknownLike(probe.params[parameter.name] as string) };
    probes.push(variant(probe, 'unknown-id', `an unknown ${parameter.name}`, 404, params));
  }
  if (first?.operation.paging) {
    const { count, offset } = first.operation.paging;
    if (typeof count.schema.minimum === 'number') {
      probes.push(
        variant(first, 'count-below-min', `${count.name} ${count.schema.minimum - 1}`, 400, {
          ...first.params,
          [count.name]: String(count.schema.minimum - 1),
        }),
      );
    }
    const largest = pages.find((probe) => probe.operation.operationId === largestListOperation) ?? first;
    const paging = largest.operation.paging;
    if (paging && typeof paging.count.schema.maximum === 'number') {
      const over = String(paging.count.schema.maximum + 1);
      probes.push(
        variant(largest, 'count-over-max', `${paging.count.name} ${over}`, 400, {
          ...largest.params,
          [paging.count.name]: over,
        }),
      );
    }
    probes.push(
      variant(first, 'bad-offset', `${offset.name} not a number`, 400, { ...first.params, [offset.name]: 'x' }),
    );
  }
  return probes;
}
