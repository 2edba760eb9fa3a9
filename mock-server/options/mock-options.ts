import { CONTACT_TYPE_KEYS, type ContactTypeKey } from '../../fixtures/contact-types.js';
import type { LatencyRange } from '../behaviours/faults.js';
import { DEFAULT_CLOCK_START, isClockStart } from '../behaviours/simulated-clock.js';
import { storeUrlProblem } from '../state/store-settings.js';

export type WithheldMode = 'redact' | 'omit';
export type Profile = 'none' | 'agentos';

/** A rolling-window rate limit: at most `requests` per API key in any `windowMs`. */
export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

/** Every setting of the mock, documented field by field; defaults live in DEFAULT_OPTIONS only. */
export interface MockOptions {
  /** TCP port the CLI listens on (0 picks a free one). */
  readonly port: number;
  /** Interface the CLI binds. */
  readonly host: string;
  /** Data seed: the same seed and settings give byte-identical responses. */
  readonly seed: number;
  /** Share of people who consented to "Third Party Marketing", in [0, 1]. */
  readonly consentRate: number;
  /** Per-type rates that override `consentRate` for people whose first role is that type. */
  readonly consentRates: Readonly<Partial<Record<ContactTypeKey, number>>>;
  /** How many records of each contact type each agency has. */
  readonly counts: Readonly<Record<ContactTypeKey, number>>;
  /** How many branches each agency has. */
  readonly branches: number;
  /** Share of each type's records whose person also holds another role, in [0, 0.9]. */
  readonly multiRoleShare: number;
  /** What happens to records without consent: personal fields removed, or the record left out of lists. */
  readonly withheld: WithheldMode;
  /** Integrator names that receive `ConsentDetails` on consented records. */
  readonly authorisedIntegrators: readonly string[];
  /** Accepted API keys; empty accepts any non-empty key. */
  readonly apiKeys: readonly string[];
  /** Agencies served, by the `shortName` path segment. */
  readonly shortNames: readonly string[];
  /** Turns the request log off. */
  readonly quiet: boolean;
  /** Memory for recently served response bodies, in MiB (0 turns the cache off). */
  readonly responseCacheMb: number;
  /** A bundle of behaviour settings: `agentos` is the live service's limit, block and latency. */
  readonly profile: Profile;
  /** Per-key rolling-window limit; undefined means no limit. */
  readonly rateLimit: RateLimit | undefined;
  /** Requests a rate-limited key may still send before it is blocked with 403s. */
  readonly blockAfter: number;
  /** How long a blocked key stays blocked. */
  readonly blockForMs: number;
  /** Added delay per /v4 request, drawn from a seeded stream; undefined means none. */
  readonly latency: LatencyRange | undefined;
  /** Share of /v4 requests answered 503, from a seeded stream. */
  readonly errorRate: number;
  /** Where the simulated clock starts: an ISO instant, or `real` for the wall clock. */
  readonly clock: string;
  /** A frozen clock moves only through `POST /__mock/clock`. */
  readonly clockFrozen: boolean;
  /** Share of people whose consent flips per simulated day, both ways. */
  readonly consentChurn: number;
  /** Requests the journal keeps (the newest). */
  readonly journalSize: number;
  /** Bearer token required on `/__mock/` when set. */
  readonly adminToken: string | undefined;
  /** Where custom field values and consent overrides survive restarts; undefined keeps them in memory. */
  readonly stateFile: string | undefined;
  /** Where shared state lives: `memory` (this process) or `redis://[user:password@]HOST:PORT[/DB]` (`rediss://` for TLS). */
  readonly store: string;
  /** Namespace of this mock's keys in a shared store; undefined: a hash of the settings that shape state. */
  readonly storePrefix: string | undefined;
}

export const DEFAULT_OPTIONS: MockOptions = {
  port: 4010,
  host: '127.0.0.1',
  seed: 1,
  consentRate: 0.6,
  consentRates: {},
  counts: { tenants: 5000, landlords: 2000, lettingsApplicants: 3000, salesApplicants: 1500, vendors: 1000 },
  branches: 6,
  multiRoleShare: 0.1,
  withheld: 'redact',
  authorisedIntegrators: [],
  apiKeys: [],
  shortNames: ['demo'],
  quiet: false,
  responseCacheMb: 8,
  profile: 'none',
  rateLimit: undefined,
  blockAfter: 10,
  blockForMs: 5 * 60_000,
  latency: undefined,
  errorRate: 0,
  clock: DEFAULT_CLOCK_START,
  clockFrozen: false,
  consentChurn: 0,
  journalSize: 10_000,
  adminToken: undefined,
  stateFile: undefined,
  store: 'memory',
  storePrefix: undefined,
};

/** What each profile sets; explicit settings override it. */
export const PROFILES: Readonly<Record<Profile, Partial<MockOptions>>> = {
  none: {},
  // agentOS: 50 requests per rolling minute per key, a block for keys that ignore 429s, and the
  // latency of a busy multi-tenant service.
  agentos: {
    rateLimit: { requests: 50, windowMs: 60_000 },
    blockAfter: 10,
    blockForMs: 5 * 60_000,
    latency: { minMs: 80, maxMs: 300 },
  },
};

/** The largest data set per type: ten-digit OIDs, and well inside exact integer maths. */
export const MAX_RECORDS_PER_TYPE = 1_000_000_000;
export const MAX_BRANCHES = 9_999;

/** A setting out of range; `option` names the MockOptions field (the CLI maps it to its flag). */
export class OptionsError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = 'OptionsError';
  }
}

export type MockOptionsInput = Partial<Omit<MockOptions, 'counts'>> & {
  counts?: Partial<Record<ContactTypeKey, number>>;
};

function checkShare(option: string, value: number, max = 1): void {
  if (!Number.isFinite(value) || value < 0 || value > max)
    throw new OptionsError(option, `must be a number from 0 to ${max}, got ${value}`);
}

function checkInteger(option: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(option, `must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

/** Merges input over the defaults (without mutating either) and checks every field. */
export function resolveOptions(input: MockOptionsInput = {}): MockOptions {
  // An explicit undefined (e.g. a flag not given) must not hide a profile's or a default's value.
  const given = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as MockOptionsInput;
  const profile = given.profile ?? DEFAULT_OPTIONS.profile;
  if (!(profile in PROFILES)) throw new OptionsError('profile', `must be none or agentos, got ${String(profile)}`);
  const options: MockOptions = {
    ...DEFAULT_OPTIONS,
    ...PROFILES[profile],
    ...given,
    consentRates: { ...DEFAULT_OPTIONS.consentRates, ...input.consentRates },
    counts: { ...DEFAULT_OPTIONS.counts, ...input.counts },
  };
  checkInteger('port', options.port, 0, 65_535);
  checkInteger('seed', options.seed, 0, 2 ** 32 - 1);
  checkShare('consentRate', options.consentRate);
  for (const [type, rate] of Object.entries(options.consentRates)) checkShare(`consentRates.${type}`, rate as number);
  for (const type of CONTACT_TYPE_KEYS) checkInteger(`counts.${type}`, options.counts[type], 0, MAX_RECORDS_PER_TYPE);
  checkInteger('branches', options.branches, 1, MAX_BRANCHES);
  checkShare('multiRoleShare', options.multiRoleShare, 0.9);
  if (options.withheld !== 'redact' && options.withheld !== 'omit') {
    throw new OptionsError('withheld', `must be redact or omit, got ${String(options.withheld)}`);
  }
  if (options.shortNames.length === 0) throw new OptionsError('shortNames', 'at least one agency is needed');
  for (const name of options.shortNames) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
      throw new OptionsError('shortNames', `"${name}" is not a valid short name (letters, digits, _ and -)`);
  }
  for (const key of options.apiKeys)
    if (key.length === 0) throw new OptionsError('apiKeys', 'an API key cannot be empty');
  if (!Number.isFinite(options.responseCacheMb) || options.responseCacheMb < 0) {
    throw new OptionsError('responseCacheMb', `must be 0 or more, got ${options.responseCacheMb}`);
  }
  checkBehaviours(options);
  return options;
}

/** The consent rate each type's people are held to. */
export function consentRatesOf(options: MockOptions): Record<ContactTypeKey, number> {
  return Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => [type, options.consentRates[type] ?? options.consentRate]),
  ) as Record<ContactTypeKey, number>;
}

function checkBehaviours(options: MockOptions): void {
  if (options.rateLimit) {
    checkInteger('rateLimit', options.rateLimit.requests, 1, 1_000_000);
    checkInteger('rateLimit', options.rateLimit.windowMs, 1, 86_400_000);
  }
  checkInteger('blockAfter', options.blockAfter, 0, 1_000_000);
  checkInteger('blockForMs', options.blockForMs, 0, 7 * 86_400_000);
  if (
    options.latency &&
    !(options.latency.minMs >= 0 && options.latency.minMs <= options.latency.maxMs && options.latency.maxMs <= 60_000)
  ) {
    throw new OptionsError(
      'latency',
      `must be a range within 0-60000 ms, got ${options.latency.minMs}-${options.latency.maxMs}`,
    );
  }
  checkShare('errorRate', options.errorRate);
  if (!isClockStart(options.clock))
    throw new OptionsError('clock', `must be an ISO instant (2026-01-01T09:00:00Z) or real, got ${options.clock}`);
  checkShare('consentChurn', options.consentChurn);
  checkInteger('journalSize', options.journalSize, 0, 1_000_000);
  if (options.adminToken !== undefined && options.adminToken.length === 0)
    throw new OptionsError('adminToken', 'cannot be empty');
  if (options.stateFile !== undefined && options.stateFile.length === 0)
    throw new OptionsError('stateFile', 'cannot be empty');
  const storeProblem = storeUrlProblem(options.store);
  if (storeProblem) throw new OptionsError('store', storeProblem);
  if (options.stateFile !== undefined && options.store !== 'memory') {
    throw new OptionsError(
      'stateFile',
      'keeps state in one process only; with a Redis --store the state lives in Redis: drop one of them',
    );
  }
  if (options.storePrefix !== undefined && !/^[\x21-\x7e]{1,200}$/.test(options.storePrefix)) {
    throw new OptionsError('storePrefix', 'must be 1 to 200 printable characters without spaces');
  }
  for (const entry of options.apiKeys) {
    if (!/^[^:\s]+(:[a-z0-9_-]+(,[a-z0-9_-]+)*)?$/i.test(entry)) {
      throw new OptionsError('apiKeys', `"${entry}" is not KEY or KEY:tier,tier`);
    }
  }
}
