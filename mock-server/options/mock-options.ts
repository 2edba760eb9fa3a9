import { CONTACT_TYPE_KEYS, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { OPTION_TABLE, specOfField } from './option-table.js';
import type { LatencyRange } from '../behaviours/faults.js';
import { DEFAULT_CLOCK_START } from '../behaviours/simulated-clock.js';

export type WithheldMode = 'redact' | 'omit';
export type NullsMode = 'null' | 'absent';
export type ErrorsMode = 'agentos' | 'problem';
export type UnpagedMode = 'array' | 'envelope';
export type RetryAfterMode = 'omit' | 'send';
export type OverMaxMode = 'reject' | 'clamp';
export type DatesMode = 'local' | 'utc';
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
  /** How an empty or withheld property appears: `null` (every schema property present) or left out. */
  readonly nulls: NullsMode;
  /** How every error body is written: agentOS's `{"Message"}` or RFC 9457 problem+json. */
  readonly errors: ErrorsMode;
  /** Unpaged lists (personcontacts): a bare array or `{ Count, Data }`. */
  readonly unpaged: UnpagedMode;
  /** Whether 429 and the 403 block carry `Retry-After` (agentOS promises none). */
  readonly retryAfter: RetryAfterMode;
  /** `count` above 1000: a 400, or 1000 records as live V2 answered. */
  readonly overMax: OverMaxMode;
  /** Date-times as agentOS writes them, or with `Z` appended to the same digits. */
  readonly dates: DatesMode;
  /** Share of enum values (all but ContactType) replaced by values the contract does not list. */
  readonly unlistedEnums: number;
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
  /** Memory the journal may use, in MiB: it is bounded in bytes as well as in entries. */
  readonly journalMb: number;
  /** How long a connection may take to send a request's headers (a silent one is closed then). */
  readonly headersTimeoutMs: number;
  /** How long a whole request (headers and body) may take to arrive. */
  readonly requestTimeoutMs: number;
  /** Open connections the server holds; one more is answered 503 and closed. */
  readonly maxConnections: number;
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
  nulls: 'null',
  errors: 'agentos',
  unpaged: 'array',
  retryAfter: 'omit',
  overMax: 'reject',
  dates: 'local',
  unlistedEnums: 0,
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
  journalMb: 16,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 1_000,
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

export { MAX_BRANCHES, MAX_RECORDS_PER_TYPE } from './option-table.js';

/**
 * A setting out of range. `option` is the MockOptions field (`counts.tenants`), `flag` the
 * command-line flag that sets it, and `reason` the sentence without either, so the CLI and
 * library callers each name the setting their own way without parsing message text.
 */
export class OptionsError extends Error {
  readonly flag: string | undefined;

  constructor(
    readonly option: string,
    readonly reason: string,
  ) {
    super(`${option}: ${reason}`);
    this.name = 'OptionsError';
    const spec = specOfField(option);
    this.flag = spec ? `--${spec.flag}` : undefined;
  }
}

export type MockOptionsInput = Partial<Omit<MockOptions, 'counts'>> & {
  counts?: Partial<Record<ContactTypeKey, number>>;
};

function valueAt(options: MockOptions, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], options);
}

/** Merges input over the defaults (without mutating either) and checks every field once, by the option table. */
export function resolveOptions(input: MockOptionsInput = {}): MockOptions {
  // An explicit undefined (e.g. a flag not given) must not hide a profile's or a default's value.
  const given = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as MockOptionsInput;
  const profile = given.profile ?? DEFAULT_OPTIONS.profile;
  if (!Object.hasOwn(PROFILES, profile))
    throw new OptionsError('profile', `must be none or agentos, got ${String(profile)}`);
  const options: MockOptions = {
    ...DEFAULT_OPTIONS,
    ...PROFILES[profile],
    ...given,
    consentRates: { ...DEFAULT_OPTIONS.consentRates, ...input.consentRates },
    counts: { ...DEFAULT_OPTIONS.counts, ...input.counts },
  };
  for (const spec of OPTION_TABLE) {
    if (spec.field.startsWith('serve.')) continue;
    const value = valueAt(options, spec.field);
    if (value === undefined) continue;
    const reason = spec.kind.check(value as never);
    if (reason !== undefined) throw new OptionsError(spec.field, reason);
  }
  for (const type of Object.keys(options.consentRates)) {
    if (!(CONTACT_TYPE_KEYS as readonly string[]).includes(type))
      throw new OptionsError('consentRates', `has no contact type ${type}`);
  }
  if (options.requestTimeoutMs > 0 && options.headersTimeoutMs > options.requestTimeoutMs)
    throw new OptionsError(
      'headersTimeoutMs',
      `must not be longer than --request-timeout (${options.requestTimeoutMs} ms)`,
    );
  if (options.shortNames.length === 0) throw new OptionsError('shortNames', 'at least one agency is needed');
  if (options.stateFile !== undefined && options.store !== 'memory') {
    throw new OptionsError(
      'stateFile',
      'keeps state in one process only; with a Redis --store the state lives in Redis: drop one of them',
    );
  }
  return options;
}

/** The consent rate each type's people are held to. */
export function consentRatesOf(options: MockOptions): Record<ContactTypeKey, number> {
  return Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => [type, options.consentRates[type] ?? options.consentRate]),
  ) as Record<ContactTypeKey, number>;
}
