import type { MockOptions } from '../options/mock-options.js';
import { invalidRequest, ProblemError } from '../pipeline/problems.js';
import { retryAfterSeconds } from './rate-limiter.js';

/** The status codes a `Prefer: code=N` may ask for: the failures a partner's client must handle. */
export const PREFERABLE_CODES = [401, 403, 404, 429, 500, 503] as const;
export type PreferableCode = (typeof PREFERABLE_CODES)[number];
export const MAX_PREFERRED_DELAY_MS = 30_000;

export interface PreferredScenario {
  readonly code?: PreferableCode;
  readonly delayMs?: number;
}

const KNOWN = `code=${PREFERABLE_CODES.join('|')}, delay=0..${MAX_PREFERRED_DELAY_MS} (milliseconds)`;

function unknown(token: string): never {
  throw invalidRequest([
    { name: 'Prefer', in: 'header', reason: `"${token}" is not a known scenario; known: ${KNOWN}` },
  ]);
}

/**
 * Reads the per-request scenarios of a `Prefer` header (`Prefer: code=503, delay=2000`). Anything
 * it does not know is a 400 listing what it knows, rather than silently doing nothing.
 */
export function parsePrefer(header: string | undefined): PreferredScenario {
  if (header === undefined || header.trim() === '') return {};
  let code: PreferableCode | undefined;
  let delayMs: number | undefined;
  for (const token of header
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name, value = ''] = token.split('=').map((part) => part.trim());
    if (
      name === 'code' &&
      PREFERABLE_CODES.includes(Number(value) as PreferableCode) &&
      String(Number(value)) === value
    ) {
      code = Number(value) as PreferableCode;
    } else if (name === 'delay' && /^\d+$/.test(value) && Number(value) <= MAX_PREFERRED_DELAY_MS) {
      delayMs = Number(value);
    } else {
      unknown(token);
    }
  }
  return { ...(code === undefined ? {} : { code }), ...(delayMs === undefined ? {} : { delayMs }) };
}

/** agentOS tells clients to wait a minute after a 429 when nothing else says how long. */
const DEFAULT_RETRY_MS = 60_000;

/**
 * The answer a `Prefer: code=N` asks for. With `--retry-after send`, Retry-After is a full window
 * (429) or a full block (403); by default it is left out, as agentOS promises none.
 */
export function preferredProblem(code: PreferableCode, options: MockOptions): ProblemError {
  const asked = `because the request asked for it (Prefer: code=${code})`;
  const retryAfter = (milliseconds: number): Record<string, string> =>
    options.retryAfter === 'send' ? { 'Retry-After': retryAfterSeconds(milliseconds) } : {};
  switch (code) {
    case 401:
      return new ProblemError('invalid-api-key', `Answered 401 ${asked}.`);
    case 403:
      return new ProblemError('key-blocked', `Answered 403 ${asked}.`, undefined, retryAfter(options.blockForMs));
    case 404:
      return new ProblemError('not-found', `Answered 404 ${asked}.`);
    case 429:
      return new ProblemError(
        'rate-limited',
        `Answered 429 ${asked}.`,
        undefined,
        retryAfter(options.rateLimit?.windowMs ?? DEFAULT_RETRY_MS),
      );
    case 500:
      return new ProblemError('internal-error', `Answered 500 ${asked}.`);
    case 503:
      return new ProblemError('service-unavailable', `Answered 503 ${asked}.`);
  }
}
