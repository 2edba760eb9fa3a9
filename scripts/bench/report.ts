import type { Check } from './checks.js';
import type { ColdWalkResult } from './cold-walk.js';
import { fixed, whole } from './format.js';
import { ratiosOf, type RouteKey, type Row } from './rows.js';

/** Above this much CPU going to other processes, a run's figures are flagged as noisy. */
const NOISY_CPU_PERCENT = 20;

const ROUTE_LABEL: Record<RouteKey, string> = {
  hot: 'hot page (1000 rec)',
  single: 'single record',
  cold: 'cold walk (1M, pages)',
};

/** A plain-text table: the first `left` columns are text (left-aligned), the rest numbers. */
function table(header: readonly string[], body: readonly (readonly string[])[], left = 2): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column < left ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(format)].join('\n');
}

function loadTable(rows: readonly Row[]): string {
  const header = [
    'target',
    'route',
    'req/s',
    'p99 ms',
    'CPU ms/req',
    'srv CPU%',
    'gen CPU%',
    'other CPU%',
    'req/s ÷Expr',
    'req/s ÷http',
    'CPU ÷Expr',
    'CPU ÷http',
  ];
  const body = rows.map((row) => {
    const ratios = ratiosOf(row, rows);
    return [
      row.target,
      ROUTE_LABEL[row.route],
      whole(row.result.requestsPerSecond),
      fixed(row.result.p99Ms, 1),
      fixed(row.result.cpuMsPerRequest, 3),
      fixed(row.result.serverCpuPercent, 0),
      fixed(row.result.generatorCpuPercent, 0),
      fixed(row.result.otherCpuPercent, 0),
      fixed(ratios.requestsVsExpress, 2),
      fixed(ratios.requestsVsHttp, 2),
      fixed(ratios.cpuVsExpress, 2),
      fixed(ratios.cpuVsHttp, 2),
    ];
  });
  return table(header, body);
}

/** Everything `npm run bench` prints: header, load table, notes and warnings, then the targets. */
export function renderReport(
  header: string,
  rows: readonly Row[],
  cold: ColdWalkResult,
  list: readonly Check[],
): string {
  const lines = [header, '', loadTable(rows), ''];
  lines.push(
    "req/s ÷X: this req/s over ceiling X's. CPU ÷X: ceiling X's CPU ms/req over this one's (1 = as cheap).",
    'srv/gen/other CPU%: server / load generator / every other process, CPU over wall time (100 = one core).',
    'The cold walk is compared with the hot-page ceilings (the same page size, served from memory).',
  );
  const noisy = rows.filter((row) => row.result.otherCpuPercent > NOISY_CPU_PERCENT);
  if (noisy.length > 0) {
    lines.push(
      `warning: other processes used over ${NOISY_CPU_PERCENT}% of a core during ${noisy.length} run(s): ` +
        'those figures are noisy.',
    );
  }
  for (const row of rows.filter((candidate) => candidate.result.non2xx > 0 || candidate.result.errors > 0)) {
    lines.push(`warning: ${row.target} ${row.route}: ${row.result.non2xx} non-2xx, ${row.result.errors} errors`);
  }
  lines.push(
    '',
    `cold walk: ${cold.pagesRequested} pages requested of ${cold.pagesInDataSet}` +
      (cold.wrapped ? ' (wrapped; response cache off, so every page was still generated)' : ' (no page repeated)'),
    '',
    checkTable(list),
    '',
  );
  const missed = list.filter((check) => !check.pass).length;
  lines.push(missed === 0 ? 'All targets met.' : `${missed} target(s) MISSED.`);
  return `${lines.join('\n')}\n`;
}

function checkTable(list: readonly Check[]): string {
  return table(
    ['target', 'measured', 'goal', 'result'],
    list.map((check) => [check.name, check.measured, check.goal, check.pass ? 'PASS' : '*** MISS ***']),
    1,
  );
}
