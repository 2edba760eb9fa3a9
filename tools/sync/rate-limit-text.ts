import type { RateLimit } from '../../src/client-options.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of `500ms`, `2s`, `1m` or `1h`; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
  return match ? Number(match[1]) * (UNITS[match[2] as string] as number) : undefined;
}

/** Parses `50/60s`, `20/2s`, `5/1000ms`, `100/1m`; undefined when malformed. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!match) return undefined;
  const requests = Number(match[1]);
  const windowMs = Number(match[2]) * (UNITS[match[3] as string] as number);
  return requests >= 1 && windowMs >= 1 ? { requests, windowMs } : undefined;
}
