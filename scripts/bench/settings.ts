/** Every knob of the bench in one place, so all targets run under the same settings. */

/** Connections per autocannon run: enough to keep one server core busy without queueing for seconds. */
export const CONNECTIONS = 10;
/** Seconds of untimed load before each measured run, so the JIT and caches settle. */
export const WARMUP_SECONDS = 3;
/** Measured seconds per target, split over ROUNDS interleaved rounds. */
export const MEASURE_SECONDS = 10;
export const ROUNDS = 2;

export const API_KEY = 'bench';
export const PAGE_SIZE = 1000;

/** The cold walk's data set: 1000 pages of 1000, walked in order. */
export const COLD_TENANTS = 1_000_000;
/** The memory check's data set and how many random pages it reads first. */
export const MEMORY_TENANTS = 10_000_000;
export const MEMORY_PAGES = 200;
/** Fresh mocks measured: resident memory depends on when GC and malloc give pages back. */
export const MEMORY_RUNS = 3;
export const MEMORY_SEED = 20240601;
/** Data set sizes timed from spawn to first answer: undefined is the mock's default. */
export const FIRST_ANSWER_SIZES: readonly (number | undefined)[] = [undefined, 10_000_000, 1_000_000_000];
export const FIRST_ANSWER_RUNS = 3;
export const FIRST_ANSWER_POLL_MS = 10;

export const TARGETS = {
  hotRatio: 0.8,
  singleRatio: 0.75,
  coldRecordsPerSecond: 100_000,
  /** An uncached page's req/s over the raw node:http ceiling's for the same page size. */
  uncachedVsHttp: 0.06,
  /** The mock's resident memory under the hot-page load over bare Express's under the same load. */
  rssUnderLoadVsExpress: 1.3,
  rssMb: 150,
  firstAnswerMs: 1000,
} as const;

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * `npm run bench:peers`: 3 rounds of 3 s a target by default; BENCH_PEERS_* change it. Rounds of
 * 2 s on this shared 2-core machine put one run's uncached-vs-Prism ratio anywhere from 1.9 to 3.5
 * round by round: more, longer rounds are what makes a run's figure worth reading.
 */
export const PEERS_TIMING = {
  warmupSeconds: envNumber('BENCH_PEERS_WARMUP_SECONDS', 2),
  measureSeconds: envNumber('BENCH_PEERS_MEASURE_SECONDS', 9),
  rounds: Math.round(envNumber('BENCH_PEERS_ROUNDS', 3)),
} as const;

/** The done-when, judged on the peers bench. */
export const PEER_TARGETS = {
  uncachedVsHttp: 0.06,
  uncachedVsPrism: 3,
  rssUnderLoadVsExpress: 1.3,
  cachedVsHttp: 0.9,
} as const;
