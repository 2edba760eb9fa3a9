/**
 * `npm run bench`: the mock against two ceilings (plain node:http and bare Express serving the mock's
 * own bytes, precomputed), one server at a time on loopback, plus memory and start-up checks.
 * A report, not a test: it exits 0 even when a target is missed.
 */
import os from 'node:os';
import { build } from './bench/build.js';
import { startCeilings } from './bench/ceilings.js';
import { stop, type Server } from './bench/children.js';
import { coldWalk } from './bench/cold-walk.js';
import { firstAnswer } from './bench/first-answer.js';
import { measureInRounds } from './bench/load.js';
import { memoryAfterRandomPages } from './bench/memory.js';
import { ROOT, startMock } from './bench/mock.js';
import { discoverRoutes } from './bench/routes.js';
import { writeResults } from './bench/output.js';
import { CLOCK_TICKS } from './bench/proc.js';
import { checks } from './bench/checks.js';
import { renderReport } from './bench/report.js';
import type { RouteKey, Row, TargetName } from './bench/rows.js';
import { CONNECTIONS, MEASURE_SECONDS, ROUNDS, WARMUP_SECONDS } from './bench/settings.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Hot page and single record on the mock and both ceilings; returns the rows and the page sizes. */
async function hotAndSingle(): Promise<{ rows: Row[]; sizes: Readonly<Record<string, number>> }> {
  const mock = await startMock('mock');
  const ROUTES = await discoverRoutes(mock.url);
  const ceilings = await startCeilings(mock.url, Object.values(ROUTES));
  const servers: [TargetName, Server][] = [
    ['mock', mock],
    ['node:http', ceilings.http],
    ['bare Express', ceilings.express],
  ];
  const rows: Row[] = [];
  try {
    for (const route of ['hot', 'single'] as const satisfies readonly RouteKey[]) {
      // measureInRounds loads one server at a time: with two cores, the load generator needs the other.
      const specs = servers.map(([, server]) => ({ url: server.url + ROUTES[route], pid: server.pid }));
      const results = await measureInRounds(specs, (index, round) =>
        log(`bench: ${servers[index]?.[0]} ${ROUTES[route]}, round ${round + 1}/${ROUNDS}`),
      );
      for (const [index, result] of results.entries()) {
        rows.push({ target: servers[index]?.[0] ?? 'mock', route, path: ROUTES[route], result });
      }
    }
  } finally {
    await Promise.all(servers.map(([, server]) => stop(server.child)));
  }
  return { rows, sizes: ceilings.sizes };
}

async function main(): Promise<void> {
  const loadAverageAtStart = os.loadavg()[0] ?? NaN;
  build(log);
  const { rows, sizes } = await hotAndSingle();
  log('bench: cold walk');
  const cold = await coldWalk();
  rows.push({ target: 'mock', route: 'cold', path: '/v4/contacts/demo/tenants/{offset}/1000', result: cold });
  log('bench: memory');
  const memory = await memoryAfterRandomPages();
  log('bench: first answer');
  const firstAnswers = await firstAnswer();

  const list = checks(rows, cold, memory, firstAnswers);
  const settings = {
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    measureSeconds: MEASURE_SECONDS,
    rounds: ROUNDS,
  };
  const environment = { node: process.version, cpus: os.cpus().length, clockTicks: CLOCK_TICKS, loadAverageAtStart };
  const header =
    `agentos-contacts mock bench: ${environment.cpus} CPUs, node ${environment.node}, load average ` +
    `${loadAverageAtStart.toFixed(2)} at start; ${CONNECTIONS} connections, ${WARMUP_SECONDS}s warm-up + ` +
    `${MEASURE_SECONDS}s per target in ${ROUNDS} interleaved rounds; CLK_TCK ${CLOCK_TICKS}`;
  process.stdout.write(`\n${renderReport(header, rows, cold, list)}`);
  const file = writeResults(ROOT, { settings, environment, sizes, rows, cold, memory, firstAnswers, checks: list });
  process.stdout.write(`results: ${file}\n`);
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  // process.exit runs the exit hook that kills any server still up.
  process.exit(1);
});
