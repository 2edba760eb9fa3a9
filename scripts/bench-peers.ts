/**
 * `npm run bench:peers`: the mock (response cache on and off) beside pinned Prism and Mockoon and
 * the two ceilings (raw node:http, bare Express with its defaults), all serving the same routes
 * with the mock's own bytes, in interleaved rounds; prints the table. Short by default:
 * BENCH_PEERS_MEASURE_SECONDS, BENCH_PEERS_WARMUP_SECONDS and BENCH_PEERS_ROUNDS make it longer.
 * A report, not a test: it exits 0 even when a target is missed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from './bench/build.js';
import { startCeilings } from './bench/ceilings.js';
import { startServersOn, stop, type Server } from './bench/children.js';
import { pinningFromEnv, pinThisProcess } from './bench/cpu-pinning.js';
import { fixed } from './bench/format.js';
import { httpGet } from './bench/http-get.js';
import { measureInRounds, type LoadResult } from './bench/load.js';
import { ROOT, startMock } from './bench/mock.js';
import { writeResults } from './bench/output.js';
import { ensurePeersInstalled, peerVersion } from './bench/peers/install-peers.js';
import { writeMockoonEnvironment } from './bench/peers/mockoon-environment.js';
import { startMockoon, startPrism } from './bench/peers/peer-servers.js';
import { writePeerSpec } from './bench/peers/peer-spec.js';
import { measurementOrder, peerChecks, peerTable, type PeerRow } from './bench/peers/peer-table.js';
import { discoverRoutes } from './bench/routes.js';
import { CONNECTIONS, PEERS_TIMING } from './bench/settings.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const canonical = (body: Buffer): string => JSON.stringify(JSON.parse(body.toString('utf8')));

/** Every server must answer both routes with the mock's JSON, or the rows compare different work. */
async function checkAnswers(server: Server, answers: ReadonlyMap<string, Buffer>): Promise<void> {
  for (const [route, body] of answers) {
    const answer = await httpGet(server.url + route);
    if (answer.status !== 200 || canonical(answer.body) !== canonical(body)) {
      throw new Error(`${server.name} does not answer ${route} with the mock's JSON (status ${answer.status})`);
    }
  }
}

async function main(): Promise<void> {
  const loadAverage = os.loadavg()[0] ?? NaN;
  ensurePeersInstalled(log);
  build(log);
  const pinning = pinningFromEnv();
  if (pinning) {
    pinThisProcess(pinning.loadCpu);
    startServersOn(pinning.serverCpu);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'contacts-bench-peers-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const servers: [PeerRow['target'], PeerRow['role'], Server][] = [];
  try {
    const cached = await startMock('mock, cache on');
    servers.push(['the mock, cache on', 'mock cached', cached]);
    const uncached = await startMock('mock, cache off', ['--response-cache-mb', '0']);
    servers.push(['the mock, cache off', 'mock uncached', uncached]);
    const routes = await discoverRoutes(cached.url);
    const answers = new Map<string, Buffer>();
    for (const route of [routes.hot, routes.single]) answers.set(route, (await httpGet(cached.url + route)).body);
    const ceilings = await startCeilings(cached.url, [routes.hot, routes.single], true);
    servers.push(['raw node:http, precomputed', 'raw', ceilings.http]);
    servers.push(['bare Express, precomputed (defaults, ETag on)', 'express', ceilings.express]);
    const spec = writePeerSpec(dir, answers);
    log('bench:peers: starting Prism and Mockoon');
    const prism = await startPrism(spec, routes.single);
    servers.push([`Prism ${peerVersion('@stoplight/prism-cli')}, static 1000-item example`, 'prism', prism]);
    const mockoon = await startMockoon(writeMockoonEnvironment(dir, spec, answers), routes.single);
    servers.push([`Mockoon ${peerVersion('@mockoon/cli')}, static 1000-item body`, 'mockoon', mockoon]);
    for (const [, , server] of servers) await checkAnswers(server, answers);

    const results = new Map<string, LoadResult[]>();
    // Loaded in measurement order (compared pairs side by side), reported in the table's order.
    const order = measurementOrder(servers.map(([, role]) => role));
    for (const route of [routes.hot, routes.single]) {
      const specs = order.map((index) => ({ url: servers[index]![2].url + route, pid: servers[index]![2].pid }));
      const onStep = (step: number, round: number): void =>
        log(`bench:peers: ${servers[order[step]!]?.[0]} ${route}, round ${round + 1}/${PEERS_TIMING.rounds}`);
      const measured = await measureInRounds(specs, onStep, PEERS_TIMING);
      const byServer: LoadResult[] = [];
      order.forEach((index, step) => (byServer[index] = measured[step]!));
      results.set(route, byServer);
    }
    const rows: PeerRow[] = servers.map(([target, role], index) => ({
      target,
      role,
      hot: results.get(routes.hot)![index]!,
      single: results.get(routes.single)![index]!,
    }));
    const list = peerChecks(rows);
    const worstOther = Math.max(...rows.flatMap((row) => [row.hot.otherCpuPercent, row.single.otherCpuPercent]));
    const header =
      `agentos-contacts bench:peers: ${os.cpus().length} CPUs, node ${process.version}, load average ` +
      `${fixed(loadAverage, 2)} at start; autocannon c=${CONNECTIONS}, ${PEERS_TIMING.warmupSeconds}s warm-up + ` +
      `${PEERS_TIMING.measureSeconds}s per target in ${PEERS_TIMING.rounds} interleaved rounds; ` +
      `page ${answers.get(routes.hot)!.length} bytes (${routes.hot}), single ${routes.single}` +
      (pinning
        ? `; pinned: every server on CPU ${pinning.serverCpu}, the load generator on CPU ${pinning.loadCpu}`
        : '; not pinned (BENCH_PEERS_PIN_CPUS=1 pins)');
    const lines = [header, '', peerTable(rows), ''];
    lines.push(
      'CPU ms a page: server CPU (/proc) per answered page. RSS under load: largest VmRSS seen during the page load.',
    );
    if (worstOther > 20)
      lines.push(`warning: other processes used up to ${fixed(worstOther, 0)}% of a core: the figures are noisy.`);
    lines.push(
      '',
      ...list.map((check) => `${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.measured} (goal ${check.goal})`),
    );
    process.stdout.write(`\n${lines.join('\n')}\n`);
    const file = writeResults(
      ROOT,
      { timing: PEERS_TIMING, loadAverage, pinning: pinning ?? null, routes, rows, checks: list },
      'peers',
    );
    process.stdout.write(`results: ${file}\n`);
  } finally {
    await Promise.all(servers.map(([, , server]) => stop(server.child)));
  }
}

main().catch((error: unknown) => {
  log(`bench:peers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
