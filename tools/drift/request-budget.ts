// The rate budget: agentOS's rolling window kept on the client side (the reference client's own
// limiter, so drift and sync count slots the same way) and a cap on the requests of one run.
import type { RateLimit } from '../../src/client-options.js';
import { RollingWindowLimiter, type LimiterSlot } from '../../src/rolling-window-limiter.js';

export class RequestBudget {
  private readonly limiter: RollingWindowLimiter;
  private sentCount = 0;

  constructor(
    readonly rateLimit: RateLimit,
    readonly maxRequests: number,
    now?: () => number,
  ) {
    this.limiter = new RollingWindowLimiter({ ...rateLimit, now, marginMs: 50 });
  }

  get sent(): number {
    return this.sentCount;
  }

  get exhausted(): boolean {
    return this.sentCount >= this.maxRequests;
  }

  /** A slot, once the window has one; undefined (at once) when the run's cap is spent. */
  async acquire(signal?: AbortSignal): Promise<LimiterSlot | undefined> {
    if (this.exhausted) return undefined;
    this.sentCount += 1;
    return this.limiter.acquire(signal);
  }

  /** No request for `ms`: after a 429 the provider is left alone for at least a window. */
  pause(ms: number): void {
    this.limiter.pause(ms);
  }

  /** Milliseconds the remaining requests need at this rate, at best (for the progress line's ETA). */
  etaMs(remaining: number): number {
    const status = this.limiter.status();
    const allowed = Math.min(remaining, this.maxRequests - this.sentCount);
    const free = Math.max(0, status.capacity - status.inUse);
    const waves = Math.max(0, Math.ceil((allowed - free) / this.rateLimit.requests));
    return status.pausedForMs + waves * this.rateLimit.windowMs;
  }

  inUse(): number {
    return this.limiter.status().inUse;
  }
}
