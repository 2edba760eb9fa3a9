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

export const ROUTES = {
  hot: '/v4/contacts/demo/tenants/0/1000',
  single: '/v4/contacts/demo/tenants/TEN-0000000042',
} as const;

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
  rssMb: 150,
  firstAnswerMs: 1000,
} as const;
