import type { ResolvedClientOptions } from './client-options.js';
import { readErrorBody } from './error-body.js';
import { ApiError, HttpError, NetworkError, RateLimitError, TimeoutError, type RequestTarget } from './errors.js';
import type { RollingWindowLimiter } from './rolling-window-limiter.js';

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  /** The path after `/v4/contacts/{shortName}`, segments already encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /** Turns the parsed 2xx body into the result (default: as is); may throw an ApiError for `target`. */
  readonly decode?: (body: unknown, target: RequestTarget) => unknown;
}

export type Requester = <T>(request: ApiRequest) => Promise<T>;

type Attempt =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly error: unknown };

function pathOf(shortName: string, request: ApiRequest): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(name, value);
  const search = query.size > 0 ? `?${query}` : '';
  return `/v4/contacts/${encodeURIComponent(shortName)}${request.path}${search}`;
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseJson(text: string, target: RequestTarget, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(target, `${status} with a body that is not JSON`);
  }
}

/**
 * Equal jitter: half the doubled backoff, plus a random part up to the other half. Clients still
 * do not retry in step, and every retry waits at least half its backoff (full jitter can retry
 * after a millisecond, which a server cannot tell from no backoff at all).
 */
function backoffMs(options: ResolvedClientOptions, failure: number): number {
  const ceiling = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** (failure - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Sends requests through the limiter: one slot per attempt, released when the answer arrives.
 * 429 pauses the limiter (so nothing is sent while limited) and tries again: for `Retry-After`
 * when the server sent one, else for `defaultRetryAfterMs` (agentOS promises no header and says
 * "wait 60 seconds"). 5xx (503 above all), network errors and timeouts are retried with backoff up to `retries` times.
 */
export function createRequester(options: ResolvedClientOptions, limiter: RollingWindowLimiter): Requester {
  async function attempt(request: ApiRequest, path: string): Promise<Attempt> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { api_key: options.apiKey, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await options.fetch(`${options.baseUrl}${path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      return { kind: 'response', status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.aborted) return { kind: 'timeout' };
      return { kind: 'network', error };
    }
  }

  return async function send<T>(request: ApiRequest): Promise<T> {
    const path = pathOf(options.shortName, request);
    const target: RequestTarget = { method: request.method, path };
    let failures = 0;
    let limited = 0;
    for (;;) {
      const slot = await limiter.acquire(request.signal);
      const started = options.now();
      let result: Attempt;
      try {
        result = await attempt(request, path);
      } finally {
        slot.release();
      }
      if (result.kind === 'response') {
        options.onEvent({ type: 'response', ...target, status: result.status, ms: options.now() - started });
        if (result.status >= 200 && result.status < 300) {
          const parsed = parseJson(result.text, target, result.status);
          return (request.decode ? request.decode(parsed, target) : parsed) as T;
        }
        const body = readErrorBody(result.text);
        if (result.status === 429) {
          const waitMs = retryAfterMs(result.headers) ?? options.defaultRetryAfterMs;
          options.onEvent({ type: 'rate-limited', ...target, retryAfterMs: waitMs });
          if (++limited > options.maxRateLimitWaits) throw new RateLimitError(target, body, waitMs);
          limiter.pause(waitMs);
          continue;
        }
        if (result.status < 500 || failures >= options.retries) throw new HttpError(target, result.status, body);
      } else if (failures >= options.retries) {
        throw result.kind === 'timeout'
          ? new TimeoutError(target, options.timeoutMs)
          : new NetworkError(target, result.error);
      }
      failures += 1;
      const reason = result.kind === 'response' ? String(result.status) : result.kind;
      options.onEvent({ type: 'retry', ...target, attempt: failures, reason });
      const serverAsked = result.kind === 'response' ? retryAfterMs(result.headers) : undefined;
      await options.sleep(Math.max(backoffMs(options, failures), serverAsked ?? 0), request.signal);
    }
  };
}
