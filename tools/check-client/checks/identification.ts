import { evidence, MAX_EVIDENCE, type CheckResult, type EvidenceLine } from '../report.js';
import { IDENTIFICATION_NAMES, matchRoute, type GradedRoute } from '../route-table.js';
import type { TimedEntry } from './timed-entry.js';

/**
 * Graded: each route that reads an identification parameter must get it, under the name that
 * route reads (`integrator` on most, `integration` on the applicant routes), with a value.
 */
export function identificationCheck(
  entries: readonly TimedEntry[],
  origin: number,
  routes: readonly GradedRoute[],
): CheckResult {
  const base = { id: 'identification', title: 'identification parameter on every route that reads one', graded: true };
  const problems = new Map<string, { count: number; lines: EvidenceLine[] }>();
  let checked = 0;
  for (const { entry } of entries) {
    const match = matchRoute(routes, entry.method, entry.path);
    const wanted = match?.route.identification;
    if (!match || !wanted) continue;
    checked++;
    const value = entry.query[wanted];
    const other = IDENTIFICATION_NAMES.find((name) => name !== wanted && entry.query[name] !== undefined);
    let problem: string | undefined;
    if (typeof value === 'string' && value.trim() !== '') continue;
    if (value !== undefined) problem = `${wanted} is empty on ${match.route.operationId}`;
    else if (other) problem = `${match.route.operationId} reads ${wanted}, but the command sent ${other}`;
    else problem = `${match.route.operationId} reads ${wanted}, and the command sent none`;
    const found = problems.get(problem) ?? { count: 0, lines: [] };
    found.count++;
    if (found.lines.length < 2) found.lines.push(evidence(entry, origin, problem));
    problems.set(problem, found);
  }
  if (checked === 0) {
    return { ...base, status: 'not-exercised', summary: 'No request went to a route that reads one.', evidence: [] };
  }
  if (problems.size === 0) {
    return {
      ...base,
      status: 'pass',
      summary: `All ${checked} request(s) to such routes identified the integration.`,
      evidence: [],
    };
  }
  const summary = [...problems].map(([problem, { count }]) => `${problem} (${count}x)`).join('; ');
  return {
    ...base,
    status: 'fail',
    summary: `${summary}.`,
    evidence: [...problems.values()].flatMap(({ lines }) => lines).slice(0, MAX_EVIDENCE),
  };
}
