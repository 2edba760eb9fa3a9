import { evidence, MAX_EVIDENCE, type CheckResult, type EvidenceLine } from '../report.js';
import { IDENTIFICATION_NAMES, matchRoute, type GradedRoute } from '../route-table.js';
import type { TimedEntry } from './timed-entry.js';

/** One list the command started: a list route with fixed path parameters and filters, any page. */
export interface ListSeries {
  readonly key: string;
  readonly operationId: string;
  /** The path of its first page of one record, with the filters: what the grader asks for the total. */
  readonly probePath: string;
  readonly probeQuery: Readonly<Record<string, string>>;
  /** Record ranges `[offset, offset + count)` the command was answered 2xx for. */
  readonly ranges: Array<readonly [number, number]>;
  readonly last: TimedEntry;
}

/** Groups the command's successful list requests by list (route, agency, filters). */
export function listSeries(entries: readonly TimedEntry[], routes: readonly GradedRoute[]): ListSeries[] {
  const series = new Map<string, ListSeries>();
  for (const timedEntry of entries) {
    const { entry } = timedEntry;
    if (entry.status < 200 || entry.status >= 300) continue;
    const match = matchRoute(routes, entry.method, entry.path);
    if (!match?.route.paged) continue;
    const offset = Number(match.params.offset);
    const count = Number(match.params.count);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(count)) continue;
    // Filters define the list; the identification parameter does not change what is listed.
    const filters = Object.fromEntries(
      Object.entries(entry.query)
        .filter(
          ([name, value]) => !(IDENTIFICATION_NAMES as readonly string[]).includes(name) && typeof value === 'string',
        )
        .sort(([a], [b]) => a.localeCompare(b)),
    ) as Record<string, string>;
    const prefix = entry.path.slice(0, entry.path.length - `${match.params.offset}/${match.params.count}`.length);
    const key = `${prefix}?${new URLSearchParams(filters)}`;
    const existing = series.get(key);
    const range = [offset, offset + count] as const;
    if (existing) {
      existing.ranges.push(range);
      series.set(key, { ...existing, last: timedEntry });
    } else {
      series.set(key, {
        key,
        operationId: match.route.operationId,
        probePath: `${prefix}0/1`,
        probeQuery: filters,
        ranges: [range],
        last: timedEntry,
      });
    }
  }
  return [...series.values()];
}

/** How far from 0 the ranges reach without a gap. */
export function coveredUpTo(ranges: ReadonlyArray<readonly [number, number]>): number {
  let reach = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start > reach) break;
    reach = Math.max(reach, end);
  }
  return reach;
}

/** Graded: every list the command started was read to its end (`Count` records, no gap). */
export function pagingCheck(
  series: readonly ListSeries[],
  totals: ReadonlyMap<string, number>,
  origin: number,
): CheckResult {
  const base = { id: 'paged-to-end', title: 'every list it started was paged to its end', graded: true };
  if (series.length === 0) {
    return { ...base, status: 'not-exercised', summary: 'The command read no list.', evidence: [] };
  }
  const unfinished: string[] = [];
  const lines: EvidenceLine[] = [];
  let unknown = 0;
  for (const list of series) {
    const total = totals.get(list.key);
    if (total === undefined) {
      unknown++;
      continue;
    }
    const reach = coveredUpTo(list.ranges);
    if (reach >= total) continue;
    unfinished.push(`${list.key.replace(/\?$/, '')} read to ${reach} of ${total}`);
    if (lines.length < MAX_EVIDENCE) lines.push(evidence(list.last.entry, origin, `last page read; Count is ${total}`));
  }
  const unread = unknown > 0 ? ` (${unknown} whose Count the mock would not tell the grader are not judged)` : '';
  if (unfinished.length === 0) {
    const judged = series.length - unknown;
    return { ...base, status: 'pass', summary: `All ${judged} list(s) read to their Count${unread}.`, evidence: [] };
  }
  return {
    ...base,
    status: 'fail',
    summary: `${unfinished.length} of ${series.length} list(s) not read to the end: ${unfinished.slice(0, 5).join('; ')}${unfinished.length > 5 ? '; ...' : ''}${unread}.`,
    evidence: lines,
  };
}
