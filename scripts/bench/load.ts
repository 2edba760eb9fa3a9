import autocannon from 'autocannon';
import { cpuMs, machineBusyMs, statusMb } from './proc.js';
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
  /** The server's largest resident memory seen while the round ran (VmRSS, polled). */
  readonly rssUnderLoadMb: number;
}

/** One target's figures over all its rounds. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  /** Each round's own requests/s, in order: how far the rounds agree on this machine. */
  readonly roundRequestsPerSecond: readonly number[];
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
  /** The largest resident memory seen under load over all rounds. */
  readonly rssUnderLoadMb: number;
}

/** How often resident memory is read during a measured round. */
const RSS_POLL_MS = 250;

function run(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { api_key: API_KEY },
    ...(spec.setupRequest ? { requests: [{ setupRequest: spec.setupRequest }] } : {}),
  });
}

/** How long a measurement runs: the main bench's settings unless a caller (the peers bench) says otherwise. */
export interface Timing {
  readonly warmupSeconds: number;
  readonly measureSeconds: number;
  readonly rounds: number;
}

export const DEFAULT_TIMING: Timing = {
  warmupSeconds: WARMUP_SECONDS,
  measureSeconds: MEASURE_SECONDS,
  rounds: ROUNDS,
};

/** Untimed load, so the JIT, the response cache and the sockets settle before anything counts. */
export async function warmUp(spec: LoadSpec, seconds = WARMUP_SECONDS): Promise<void> {
  await run(spec, seconds);
}

/** One measured round, with the server's CPU read just before and after it. */
export async function sample(spec: LoadSpec, seconds = MEASURE_SECONDS / ROUNDS): Promise<Sample> {
  const cpuBefore = cpuMs(spec.pid);
  const machineBefore = machineBusyMs();
  const ownBefore = process.cpuUsage();
  const wallBefore = performance.now();
  // VmRSS, not VmHWM: the peak since start-up would count loading, not the load.
  let rssUnderLoadMb = 0;
  const readRss = (): void => void (rssUnderLoadMb = Math.max(rssUnderLoadMb, statusMb(spec.pid, 'VmRSS')));
  const poll = setInterval(readRss, RSS_POLL_MS);
  let result: autocannon.Result;
  try {
    result = await run(spec, seconds);
  } finally {
    clearInterval(poll);
  }
  readRss();
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
    rssUnderLoadMb,
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
    roundRequestsPerSecond: samples.map((one) => one.ok / one.seconds),
    p99Ms: Math.max(...samples.map((one) => one.p99Ms)),
    cpuMsPerRequest: answered > 0 ? serverCpuMs / answered : NaN,
    serverCpuPercent: (serverCpuMs / wallMs) * 100,
    generatorCpuPercent: (generatorCpuMs / wallMs) * 100,
    otherCpuPercent: (otherCpuMs / wallMs) * 100,
    answered,
    non2xx: sum((one) => one.non2xx),
    errors: sum((one) => one.errors),
    seconds: sum((one) => one.seconds),
    rssUnderLoadMb: Math.max(...samples.map((one) => one.rssUnderLoadMb)),
  };
}

/**
 * Warms each target up, then measures them in interleaved rounds (A B C A B C), so a burst of
 * outside load on a shared machine is spread across targets instead of landing on one.
 */
export async function measureInRounds(
  specs: readonly LoadSpec[],
  onStep: (index: number, round: number) => void = () => {},
  timing: Timing = DEFAULT_TIMING,
): Promise<LoadResult[]> {
  const samples: Sample[][] = specs.map(() => []);
  for (let round = 0; round < timing.rounds; round++) {
    for (const [index, spec] of specs.entries()) {
      onStep(index, round);
      if (round === 0) await warmUp(spec, timing.warmupSeconds);
      samples[index]!.push(await sample(spec, timing.measureSeconds / timing.rounds));
    }
  }
  return samples.map(combine);
}
