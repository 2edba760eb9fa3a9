import { hashInts, toUnit } from '../../fixtures/random/keyed-stream.js';
import { parseShortDuration } from '../options/durations.js';

/** `--latency 150ms` or `--latency 100-400ms`. */
export interface LatencyRange {
  readonly minMs: number;
  readonly maxMs: number;
}

export function parseLatency(text: string): LatencyRange | undefined {
  const trimmed = text.trim();
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(ms|s)$/.exec(trimmed);
  if (range) {
    const minMs = parseShortDuration(`${range[1]}${range[3]}`);
    const maxMs = parseShortDuration(`${range[2]}${range[3]}`);
    if (minMs === undefined || maxMs === undefined || minMs > maxMs) return undefined;
    return { minMs, maxMs };
  }
  const single = parseShortDuration(trimmed);
  return single === undefined ? undefined : { minMs: single, maxMs: single };
}

/** Domains of the fault streams, apart from the data set's. */
const LATENCY_STREAM = 101;
const ERROR_STREAM = 102;

/**
 * Injected slowness and failure, drawn from seeded streams indexed by request number, so a run
 * with the same seed and the same request order fails the same requests.
 */
export class FaultPlan {
  private requestNumber = 0;

  constructor(
    private readonly seed: number,
    private readonly latency: LatencyRange | undefined,
    private readonly errorRate: number,
  ) {}

  /** The next request's injected delay and whether it fails with a 503. */
  next(): { delayMs: number; fail: boolean } {
    const number = this.requestNumber++;
    let delayMs = 0;
    if (this.latency) {
      const { minMs, maxMs } = this.latency;
      delayMs = minMs + Math.floor(toUnit(hashInts(this.seed, LATENCY_STREAM, number)) * (maxMs - minMs + 1));
    }
    const fail = this.errorRate > 0 && toUnit(hashInts(this.seed, ERROR_STREAM, number)) < this.errorRate;
    return { delayMs, fail };
  }

  reset(): void {
    this.requestNumber = 0;
  }
}
