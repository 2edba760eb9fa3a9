import { ProblemError } from '../pipeline/problems.js';

/** `--rate-limit N/WINDOW`: at most `requests` per key in any rolling `windowMs`. */
export interface RateLimitSettings {
  readonly requests: number;
  readonly windowMs: number;
  /** Requests a limited key may still send before it is blocked. */
  readonly blockAfter: number;
  readonly blockForMs: number;
  /** Whether the answers carry `Retry-After` (`--retry-after send`); agentOS promises none. */
  readonly sendRetryAfter: boolean;
}

export type RateDecision =
  | { readonly outcome: 'allowed' }
  | { readonly outcome: 'limited'; readonly retryAfterMs: number }
  | { readonly outcome: 'blocked'; readonly retryAfterMs: number };

interface KeyState {
  /** When each of the key's recent requests was let through, oldest first (at most `requests`). */
  slots: number[];
  /** Requests sent while limited since the key was last let through. */
  ignoredLimits: number;
  blockedUntil: number;
}

/**
 * agentOS's rate limit: each request takes a slot that comes back exactly one window after it
 * was used (a rolling window, not a fixed minute), and a key that keeps sending while limited
 * is blocked, as agentOS's load balancer treats it as an attack.
 */
/** Every this many requests, idle keys are dropped (so memory follows the keys in use). */
const PRUNE_EVERY = 1024;

export class RateLimiter {
  private readonly keys = new Map<string, KeyState>();
  private sinceLastPrune = 0;

  constructor(private readonly settings: RateLimitSettings) {}

  take(key: string, now: number): RateDecision {
    if (++this.sinceLastPrune >= PRUNE_EVERY) {
      this.sinceLastPrune = 0;
      this.prune(now);
    }
    const state = this.keys.get(key) ?? { slots: [], ignoredLimits: 0, blockedUntil: 0 };
    this.keys.set(key, state);
    if (now < state.blockedUntil) return { outcome: 'blocked', retryAfterMs: state.blockedUntil - now };
    while (state.slots.length > 0 && (state.slots[0] as number) + this.settings.windowMs <= now) state.slots.shift();
    if (state.slots.length < this.settings.requests) {
      state.slots.push(now);
      state.ignoredLimits = 0;
      return { outcome: 'allowed' };
    }
    state.ignoredLimits += 1;
    if (state.ignoredLimits > this.settings.blockAfter) {
      state.blockedUntil = now + this.settings.blockForMs;
      state.ignoredLimits = 0;
      return { outcome: 'blocked', retryAfterMs: this.settings.blockForMs };
    }
    return { outcome: 'limited', retryAfterMs: (state.slots[0] as number) + this.settings.windowMs - now };
  }

  /**
   * Lets the request through, or throws the answer agentOS gives: 429 while the key is over its
   * window, 403 once it kept sending anyway. With `--retry-after send`, `Retry-After` says when
   * the slot or the block ends.
   */
  admit(key: string, now: number): void {
    refuseUnlessAllowed(this.take(key, now), this.settings);
  }

  /** Drops keys with no slot in use and no block, so memory follows active keys only. */
  prune(now: number): void {
    for (const [key, state] of this.keys) {
      const idle = state.slots.every((slot) => slot + this.settings.windowMs <= now);
      if (idle && now >= state.blockedUntil) this.keys.delete(key);
    }
  }

  reset(): void {
    this.keys.clear();
  }
}

/**
 * Throws agentOS's answer to a decision that is not `allowed` (from this limiter or from a shared
 * store's script): 429 while the key is over its window, 403 once it kept sending anyway.
 */
export function refuseUnlessAllowed(
  decision: RateDecision | undefined,
  settings: { readonly requests: number; readonly windowMs: number; readonly sendRetryAfter: boolean },
): void {
  if (decision === undefined || decision.outcome === 'allowed') return;
  const seconds = retryAfterSeconds(decision.retryAfterMs);
  // agentOS promises no Retry-After: it is sent only with --retry-after send.
  const headers: Record<string, string> = settings.sendRetryAfter ? { 'Retry-After': seconds } : {};
  if (decision.outcome === 'blocked') {
    throw new ProblemError(
      'key-blocked',
      `The key kept sending while rate limited and is blocked for ${seconds} s.`,
      undefined,
      headers,
    );
  }
  throw new ProblemError(
    'rate-limited',
    `More than ${settings.requests} requests in ${settings.windowMs / 1000} s for this key; wait 60 seconds before retrying (the oldest slot frees in ${seconds} s).`,
    undefined,
    headers,
  );
}

/** Whole seconds, rounded up: a client that waits this long finds its slot free. */
export function retryAfterSeconds(milliseconds: number): string {
  return String(Math.max(0, Math.ceil(milliseconds / 1000)));
}

const RATE_LIMIT = /^(\d+)\/(.+)$/;

/** Parses `50/60s` into requests and window; undefined when malformed. */
export function parseRateLimit(
  text: string,
  parseDuration: (text: string) => number | undefined,
): { requests: number; windowMs: number } | undefined {
  const match = RATE_LIMIT.exec(text.trim());
  if (!match) return undefined;
  const requests = Number(match[1]);
  const windowMs = parseDuration(match[2] as string);
  if (!Number.isSafeInteger(requests) || requests < 1 || windowMs === undefined || windowMs < 1) return undefined;
  return { requests, windowMs };
}
