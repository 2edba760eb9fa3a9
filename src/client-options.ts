import { setTimeout as wait } from 'node:timers/promises';

/** A rolling-window limit: at most `requests` in any `windowMs`. */
export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

/** Everything `createContactsClient` takes; defaults live in DEFAULT_CLIENT_OPTIONS only. */
export interface ContactsClientOptions {
  /** Where the API is, without a trailing path: `https://live-api.letmc.com` or the mock's URL. */
  readonly baseUrl: string;
  /** The agency's key for the V4 Contacts tier; sent in the `api_key` header, never in URLs or messages. */
  readonly apiKey: string;
  /** The agency whose data is read (the `{shortName}` path segment). */
  readonly shortName: string;
  /**
   * Your integration's name. The client sends it as `integrator` or `integration`, whichever the
   * route reads; undefined sends neither.
   */
  readonly integrator?: string;
  /** The client-side limit, kept below the server's so a steady sync never meets a 429. */
  readonly rateLimit?: RateLimit;
  /** Milliseconds one attempt may take before it is abandoned (TimeoutError). */
  readonly timeoutMs?: number;
  /** Extra attempts after a 5xx, network error or timeout (0 turns retries off). */
  readonly retries?: number;
  /** First backoff delay; each retry doubles it, up to `maxBackoffMs`, and waits half to all of it (jitter). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * How long to pause after a 429 without `Retry-After`. agentOS promises no such header and tells
   * clients to wait 60 s, so that is the default; tests shorten it.
   */
  readonly defaultRetryAfterMs?: number;
  /** 429s in a row for one request before it fails with RateLimitError. */
  readonly maxRateLimitWaits?: number;
  /** Extra milliseconds a used slot is held after the response, against timer and clock skew. */
  readonly slotMarginMs?: number;
  /** The fetch to use (Node's built-in by default); tests pass one that adds headers or fails. */
  readonly fetch?: typeof fetch;
  /** Told about every attempt's outcome: for progress bars, metrics and tests. */
  readonly onEvent?: (event: ClientEvent) => void;
  /** Clock and sleep, injectable so tests of waiting need not wait. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What happened to one attempt (paths never carry the key). */
export type ClientEvent =
  | {
      readonly type: 'response';
      readonly method: string;
      readonly path: string;
      readonly status: number;
      readonly ms: number;
    }
  | { readonly type: 'rate-limited'; readonly method: string; readonly path: string; readonly retryAfterMs: number }
  | {
      readonly type: 'retry';
      readonly method: string;
      readonly path: string;
      readonly attempt: number;
      readonly reason: string;
    };

export type ResolvedClientOptions = Required<Omit<ContactsClientOptions, 'integrator'>> & {
  readonly integrator: string | undefined;
};

/** agentOS allows 50 requests per rolling 60 s per key. */
export const AGENTOS_RATE_LIMIT: RateLimit = { requests: 50, windowMs: 60_000 };

export const DEFAULT_CLIENT_OPTIONS: Readonly<
  Pick<
    ResolvedClientOptions,
    | 'rateLimit'
    | 'timeoutMs'
    | 'retries'
    | 'backoffMs'
    | 'maxBackoffMs'
    | 'defaultRetryAfterMs'
    | 'maxRateLimitWaits'
    | 'slotMarginMs'
  >
> = {
  rateLimit: AGENTOS_RATE_LIMIT,
  timeoutMs: 30_000,
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 10_000,
  defaultRetryAfterMs: 60_000,
  maxRateLimitWaits: 10,
  slotMarginMs: 5,
};

export async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await wait(Math.max(0, ms), undefined, signal ? { signal } : undefined);
}

function check(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min) throw new TypeError(`${name} must be a number >= ${min}, got ${value}`);
}

/** Merges the caller's options over the defaults (neither is mutated) and checks them. */
export function resolveClientOptions(options: ContactsClientOptions): ResolvedClientOptions {
  for (const name of ['baseUrl', 'apiKey', 'shortName'] as const) {
    if (typeof options[name] !== 'string' || options[name].length === 0) throw new TypeError(`${name} is required`);
  }
  // An explicit undefined (an unset flag, say) must not hide a default.
  const given = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as ContactsClientOptions;
  const resolved: ResolvedClientOptions = {
    ...DEFAULT_CLIENT_OPTIONS,
    fetch: globalThis.fetch,
    now: () => performance.now(),
    sleep: defaultSleep,
    onEvent: () => undefined,
    ...given,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    integrator: options.integrator,
  };
  check('rateLimit.requests', resolved.rateLimit.requests, 1);
  check('rateLimit.windowMs', resolved.rateLimit.windowMs, 1);
  check('timeoutMs', resolved.timeoutMs, 1);
  check('retries', resolved.retries, 0);
  check('maxRateLimitWaits', resolved.maxRateLimitWaits, 0);
  check('defaultRetryAfterMs', resolved.defaultRetryAfterMs, 0);
  check('backoffMs', resolved.backoffMs, 0);
  return resolved;
}
