/**
 * `npm run bench:cluster`: the Redis store's own cost, then three replicas behind nginx.
 *   1. One replica on Redis against one in memory, one at a time: requests/s ratio and the added
 *      p50/p99 on the cached hot page and the single-record route (target: at least 0.85 of the
 *      in-memory requests/s on the hot page).
 *   2. Redis commands per request, from INFO commandstats: the hot path costs one script call.
 *   3. Three replicas on one Redis behind nginx (deploy/nginx): latency, and throughput reported,
 *      not targeted (on 2 cores three replicas contend for CPU).
 * A report, not a test: it exits 0 even when a target is missed. Needs redis-server and nginx.
 */
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { stop, type Server } from './bench/children.js';
import { ROOT, startMock } from './bench/mock.js';
import { discoverRoutes } from './bench/routes.js';
import { API_KEY, CONNECTIONS } from './bench/settings.js';
import { commandCalls, hasBinary, startNginx, startRedis } from './bench-cluster/infra.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP = Math.min(3, SECONDS);
const ROUNDS = 2;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
}

async function load(url: string, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { api_key: API_KEY } });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
  };
}

/** Rounds interleaved between targets, so a noisy neighbour hits both alike; figures averaged. */
async function compare(urls: Record<string, string>): Promise<Record<string, Figures>> {
  const rounds: Record<string, Figures[]> = Object.fromEntries(Object.keys(urls).map((name) => [name, []]));
  for (const url of Object.values(urls)) await load(url, WARMUP);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(urls)) {
      log(`bench:cluster: ${name} ${new URL(url).pathname}, round ${round + 1}/${ROUNDS}`);
      rounds[name]?.push(await load(url, SECONDS / ROUNDS));
    }
  }
  const mean = (list: Figures[], pick: (figures: Figures) => number): number =>
    list.reduce((sum, figures) => sum + pick(figures), 0) / list.length;
  return Object.fromEntries(
    Object.entries(rounds).map(([name, list]) => [
      name,
      {
        requestsPerSecond: mean(list, (figures) => figures.requestsPerSecond),
        p50: mean(list, (figures) => figures.p50),
        p99: Math.max(...list.map((figures) => figures.p99)),
        requests: list.reduce((sum, figures) => sum + figures.requests, 0),
        non2xx: list.reduce((sum, figures) => sum + figures.non2xx, 0),
      },
    ]),
  );
}

/** A latency difference with its sign, as the report's "added" columns read. */
const signed = (milliseconds: number): string => `${milliseconds >= 0 ? '+' : ''}${milliseconds.toFixed(1)}`;

async function main(): Promise<void> {
  for (const binary of ['redis-server', 'redis-cli', 'nginx']) {
    if (!hasBinary(binary)) throw new Error(`${binary} is not installed: apt-get install -y redis-server nginx`);
  }
  log('bench:cluster: npm run build');
  if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
    throw new Error('npm run build failed');
  }
  const redis = await startRedis();
  const store = ['--store', `redis://127.0.0.1:${redis.port}`];
  const servers: Server[] = [];
  try {
    const memory = await startMock('memory');
    const shared = await startMock('redis', store);
    servers.push(memory, shared);
    // Both mocks have the same seed: routes (record IDs) found on one hold on the other.
    const ROUTES = await discoverRoutes(memory.url);
    const lines = ['| route | store | requests/s | p50 ms | p99 ms |', '|---|---|---:|---:|---:|'];
    const ratios: string[] = [];
    for (const route of ['hot', 'single'] as const) {
      const figures = await compare({ memory: memory.url + ROUTES[route], redis: shared.url + ROUTES[route] });
      for (const [name, result] of Object.entries(figures)) {
        lines.push(`| ${route} | ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} |`);
      }
      const [inMemory, onRedis] = [figures.memory as Figures, figures.redis as Figures];
      ratios.push(
        `${route}: Redis keeps ${(onRedis.requestsPerSecond / inMemory.requestsPerSecond).toFixed(2)} of the in-memory requests/s` +
          ` (${signed(onRedis.p50 - inMemory.p50)} ms p50, ${signed(onRedis.p99 - inMemory.p99)} ms p99)` +
          (route === 'hot' ? `; target 0.85` : ''),
      );
    }

    // Round trips: script calls per request on the hot path; the journal's write follows the answer.
    const before = commandCalls(redis.port);
    const counted = await load(shared.url + ROUTES.hot, 2);
    const after = commandCalls(redis.port);
    const delta = (name: string): number => (after[name] ?? 0) - (before[name] ?? 0);
    const scripts = delta('evalsha') + delta('eval');
    const trips =
      `script calls per request on the hot path: ${(scripts / counted.requests).toFixed(3)}` +
      ` (journal writes after the answer: ${(delta('rpush') / counted.requests).toFixed(3)} per request)`;

    await Promise.all(servers.splice(0).map((server) => stop(server.child)));
    const replicas = await Promise.all([1, 2, 3].map((index) => startMock(`replica-${index}`, store)));
    servers.push(...replicas);
    const nginx = await startNginx(replicas.map((replica) => new URL(replica.url).host));
    try {
      const cluster = await compare({ 'three replicas behind nginx': `http://127.0.0.1:${nginx.port}${ROUTES.hot}` });
      const figures = cluster['three replicas behind nginx'] as Figures;
      lines.push(
        `| hot | 3 replicas + nginx | ${figures.requestsPerSecond.toFixed(0)} (reported, not targeted) | ${figures.p50} | ${figures.p99} |`,
      );
    } finally {
      nginx.stop();
    }
    process.stdout.write(`${lines.join('\n')}\n\n${ratios.join('\n')}\n${trips}\n`);
  } finally {
    await Promise.all(servers.map((server) => stop(server.child)));
    redis.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cluster: ${(error as Error).message}\n`);
  process.exit(1);
});
