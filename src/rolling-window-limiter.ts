import { defaultSleep, type RateLimit } from './client-options.js';

export interface LimiterSettings extends RateLimit {
  /** Extra milliseconds each slot is held after its response, against timer and clock skew. */
  readonly marginMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A slot taken for one request; `release()` when its response (or failure) arrived. */
export interface LimiterSlot {
  release(): void;
}

interface Slot {
  /** When the response arrived; undefined while the request is in flight. */
  releasedAt: number | undefined;
}

/**
 * The client's side of agentOS's rolling window: at most `requests` slots in any `windowMs`.
 * A slot counts from the moment the request is sent until one window after its response came
 * back. The server saw the request somewhere in between, so its slot has surely freed by then:
 * a client alone on its key never meets a 429, however long the latency.
 */
export class RollingWindowLimiter {
  private readonly slots: Slot[] = [];
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();
  private releaseWaiters: Array<() => void> = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly marginMs: number;

  constructor(private readonly settings: LimiterSettings) {
    this.now = settings.now ?? (() => performance.now());
    this.sleep = settings.sleep ?? defaultSleep;
    this.marginMs = settings.marginMs ?? 0;
  }

  /** Waits (first come, first served) until a slot is free and not paused, then takes it. */
  async acquire(signal?: AbortSignal): Promise<LimiterSlot> {
    const previous = this.queue;
    let done = (): void => undefined;
    this.queue = new Promise((resolve) => (done = resolve));
    try {
      await previous;
      return await this.take(signal);
    } finally {
      done();
    }
  }

  /** No slot is handed out for `ms` from now (after a 429: the server said when to come back). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** For progress and ETA: slots in use now, and how long until the next one frees. */
  status(): { inUse: number; capacity: number; pausedForMs: number } {
    const now = this.now();
    this.expire(now);
    return {
      inUse: this.slots.length,
      capacity: this.settings.requests,
      pausedForMs: Math.max(0, this.pausedUntil - now),
    };
  }

  private async take(signal: AbortSignal | undefined): Promise<LimiterSlot> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now, signal);
        continue;
      }
      this.expire(now);
      if (this.slots.length < this.settings.requests) return this.claim();
      const frees = this.slots
        .filter((slot) => slot.releasedAt !== undefined)
        .map((slot) => (slot.releasedAt as number) + this.settings.windowMs + this.marginMs);
      if (frees.length > 0) await this.sleep(Math.min(...frees) - now, signal);
      else await this.nextRelease(signal); // every slot is in flight: its window starts at its response
    }
  }

  private claim(): LimiterSlot {
    const slot: Slot = { releasedAt: undefined };
    this.slots.push(slot);
    return {
      release: () => {
        if (slot.releasedAt !== undefined) return;
        slot.releasedAt = this.now();
        const waiters = this.releaseWaiters;
        this.releaseWaiters = [];
        for (const wake of waiters) wake();
      },
    };
  }

  private expire(now: number): void {
    for (let index = this.slots.length - 1; index >= 0; index--) {
      const releasedAt = this.slots[index]?.releasedAt;
      if (releasedAt !== undefined && releasedAt + this.settings.windowMs + this.marginMs <= now) {
        this.slots.splice(index, 1);
      }
    }
  }

  private nextRelease(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.releaseWaiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
