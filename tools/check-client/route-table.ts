import { listOperations, loadContract } from '../../mock-server/contract/contract.js';

/** The two names agentOS's routes read to identify an integration (a quirk of the contract). */
const IDENTIFICATION_NAMES = ['integrator', 'integration'] as const;

/** One /v4 operation as the grader needs it, read from the contract (never a hand-kept list). */
export interface GradedRoute {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  /** A list route: its path ends in `{offset}/{count}`. */
  readonly paged: boolean;
  /** The identification parameter the route reads, if it reads one. */
  readonly identification: string | undefined;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
  readonly literalSegments: number;
}

export interface RouteMatch {
  readonly route: GradedRoute;
  readonly params: Readonly<Record<string, string>>;
}

function patternOf(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1] as string);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

export function loadGradedRoutes(): GradedRoute[] {
  const routes = listOperations(loadContract().document).map((operation) => {
    const { pattern, names } = patternOf(operation.path);
    const queryNames = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    return {
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      template: operation.path,
      paged: operation.path.endsWith('/{offset}/{count}'),
      identification: IDENTIFICATION_NAMES.find((name) => queryNames.has(name)),
      pattern,
      parameterNames: names,
      literalSegments: operation.path.split('/').filter((segment) => !segment.startsWith('{')).length,
    };
  });
  // The most specific template first, so literal segments win over parameters.
  return routes.sort((a, b) => b.literalSegments - a.literalSegments);
}

export function matchRoute(routes: readonly GradedRoute[], method: string, path: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.parameterNames.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] as string);
    });
    return { route, params };
  }
  return undefined;
}

export { IDENTIFICATION_NAMES };
