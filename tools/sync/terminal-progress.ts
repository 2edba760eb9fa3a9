import cliProgress from 'cli-progress';
import type { RateLimit } from '../../src/client-options.js';
import type { SyncProgress } from './sync-progress.js';

export interface ProgressSettings {
  readonly rateLimit: RateLimit;
  /** Slots the client's limiter is using now (the ETA counts the ones still free as instant). */
  readonly slotsInUse: () => number;
  readonly stream?: NodeJS.WriteStream;
  readonly now?: () => number;
}

/**
 * Seconds left when `remaining` requests must still fit the rate limit: free slots go at the
 * observed pace, the rest at one window per `requests`. A naive rate-based ETA would promise a
 * minute's work in a few seconds right after a burst.
 */
export function etaSeconds(remaining: number, freeSlots: number, averageMs: number, limit: RateLimit): number {
  const limitedMs = Math.max(0, remaining - freeSlots) * (limit.windowMs / limit.requests);
  return Math.ceil(Math.max(limitedMs, remaining * averageMs) / 1000);
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s).padStart(2, '0')}s`;
}

/** A bar with a rate-limit-aware ETA, for a terminal. */
export function terminalProgress(settings: ProgressSettings): SyncProgress {
  const stream = settings.stream ?? process.stderr;
  const now = settings.now ?? (() => performance.now());
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {value}/{total} requests | ETA {etaText} | {step}', hideCursor: true, stream },
    cliProgress.Presets.shades_classic,
  );
  const started = now();
  let done = 0;
  let total = 1;
  let running = false;
  const payload = (step: string) => {
    const averageMs = done > 0 ? (now() - started) / done : 0;
    const free = settings.rateLimit.requests - settings.slotsInUse();
    return { step, etaText: formatDuration(etaSeconds(total - done, free, averageMs, settings.rateLimit)) };
  };
  return {
    plan: (requests) => {
      total = Math.max(requests, done, 1);
      if (!running) bar.start(total, done, payload('starting'));
      else bar.setTotal(total);
      running = true;
    },
    advance: (step) => {
      done += 1;
      bar.update(done, payload(step));
    },
    log: (message) => {
      if (running) bar.stop();
      stream.write(`${message}\n`);
      if (running) bar.start(total, done, payload(''));
    },
    stop: () => {
      if (running) bar.stop();
      running = false;
    },
  };
}
