import autocannon from 'autocannon';
import { cpuMs, machineBusyMs } from './proc.js';
import { API_KEY, CONNECTIONS, MEASURE_SECONDS, ROUNDS, WARMUP_SECONDS } from './settings.js';

export interface LoadSpec {
  readonly url: string;
  readonly pid: number;
  /** Per-request setup, e.g. the cold walk's next page; omitted for a fixed path. */
  readonly setupRequest?: (request: autocannon.Request) => autocannon.Request;
}

/** The raw sums of one measured round, so rounds can be added up exactly. */
export interface Sample {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
  readonly wallMs: number;
  readonly serverCpuMs: number;
  readonly generatorCpuMs: number;
  /** CPU the whole machine spent busy over the round, to tell how much went to other processes. */
  readonly machineCpuMs: number;
  readonly p99Ms: number;
}

/** One target's figures over all its rounds. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  /** The worst round's p99: rounds cannot be merged into one histogram after the fact. */
  readonly p99Ms: number;
  /** Server CPU (user + system, from /proc/PID/stat) per answered request. */
  readonly cpuMsPerRequest: number;
  /** Server CPU time over wall time: 100 means one core fully busy. */
  readonly serverCpuPercent: number;
  /** The bench process's own CPU over wall time: near 100 means the load generator is the bottleneck. */
  readonly generatorCpuPercent: number;
  /** CPU used by anything but this server and the bench, over wall time: high means noisy figures. */
  readonly otherCpuPercent: number;
  readonly answered: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
}

function run(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { api_key: API_KEY },
    ...(spec.setupRequest ? { requests: [{ setupRequest: spec.setupRequest }] } : {}),
  });
}

/** Untimed load, so the JIT, the response cache and the sockets settle before anything counts. */
export async function warmUp(spec: LoadSpec): Promise<void> {
  await run(spec, WARMUP_SECONDS);
}

/** One measured round, with the server's CPU read just before and after it. */
export async function sample(spec: LoadSpec): Promise<Sample> {
  const cpuBefore = cpuMs(spec.pid);
  const machineBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await run(spec, MEASURE_SECONDS / ROUNDS);
  const wallMs = performance.now() - wallBefore;
  const own = process.cpuUsage(ownBefore);
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    wallMs,
    serverCpuMs: cpuMs(spec.pid) - cpuBefore,
    generatorCpuMs: (own.user + own.system) / 1000,
    machineCpuMs: machineBusyMs() - machineBefore,
    p99Ms: result.latency.p99,
  };
}

export function combine(samples: readonly Sample[]): LoadResult {
  const sum = (pick: (one: Sample) => number): number => samples.reduce((total, one) => total + pick(one), 0);
  const answered = sum((one) => one.ok + one.non2xx);
  const wallMs = sum((one) => one.wallMs);
  const serverCpuMs = sum((one) => one.serverCpuMs);
  const generatorCpuMs = sum((one) => one.generatorCpuMs);
  const otherCpuMs = Math.max(0, sum((one) => one.machineCpuMs) - serverCpuMs - generatorCpuMs);
  return {
    requestsPerSecond: sum((one) => one.ok) / sum((one) => one.seconds),
    p99Ms: Math.max(...samples.map((one) => one.p99Ms)),
    cpuMsPerRequest: answered > 0 ? serverCpuMs / answered : NaN,
    serverCpuPercent: (serverCpuMs / wallMs) * 100,
    generatorCpuPercent: (generatorCpuMs / wallMs) * 100,
    otherCpuPercent: (otherCpuMs / wallMs) * 100,
    answered,
    non2xx: sum((one) => one.non2xx),
    errors: sum((one) => one.errors),
    seconds: sum((one) => one.seconds),
  };
}

/**
 * Warms each target up, then measures them in interleaved rounds (A B C A B C), so a burst of
 * outside load on a shared machine is spread across targets instead of landing on one.
 */
export async function measureInRounds(
  specs: readonly LoadSpec[],
  onStep: (index: number, round: number) => void = () => {},
): Promise<LoadResult[]> {
  const samples: Sample[][] = specs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, spec] of specs.entries()) {
      onStep(index, round);
      if (round === 0) await warmUp(spec);
      samples[index]!.push(await sample(spec));
    }
  }
  return samples.map(combine);
}
