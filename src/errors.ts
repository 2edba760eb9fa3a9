import type { ErrorBody, ProblemDetails } from './error-body.js';

/** Where a request went: method and path (with query), never the key. */
export interface RequestTarget {
  readonly method: string;
  /** The path and query sent, e.g. `/v4/contacts/demo/tenants/0/100?branchID=…`; `api_key` removed. */
  readonly path: string;
}

/** The root of every error the client throws about a request. */
export class ApiError extends Error {
  readonly method: string;
  readonly path: string;
  constructor(target: RequestTarget, message: string, options?: ErrorOptions) {
    super(`${target.method} ${target.path}: ${message}`, options);
    this.name = 'ApiError';
    this.method = target.method;
    this.path = target.path;
  }
}

/**
 * The server answered with a status outside 2xx. Branch on `status`: the body's style differs by
 * server (agentOS writes ASP.NET's `{"Message"}`, a load balancer may send HTML), so `serverMessage`
 * and `problem` are for people and logs only.
 */
export class HttpError extends ApiError {
  readonly status: number;
  /** The server's own sentence (`Message`, or a problem's `title: detail`), when it sent one. */
  readonly serverMessage: string | undefined;
  /** The RFC 9457 problem+json body, when the server sent one. */
  readonly problem: ProblemDetails | undefined;
  constructor(target: RequestTarget, status: number, body: ErrorBody = { message: undefined, problem: undefined }) {
    super(target, body.message === undefined ? `${status}` : `${status} ${body.message}`);
    this.name = 'HttpError';
    this.status = status;
    this.serverMessage = body.message;
    this.problem = body.problem;
  }
}

/** 429 kept coming back after the client waited (another process may share the key). */
export class RateLimitError extends HttpError {
  /** How long the client waited after the last 429: its `Retry-After` when sent, else the fallback. */
  readonly retryAfterMs: number;
  constructor(target: RequestTarget, body: ErrorBody | undefined, retryAfterMs: number) {
    super(target, 429, body);
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** No HTTP answer: refused connection, reset, DNS failure... */
export class NetworkError extends ApiError {
  constructor(target: RequestTarget, cause: unknown) {
    super(target, `network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'NetworkError';
  }
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ApiError {
  readonly timeoutMs: number;
  constructor(target: RequestTarget, timeoutMs: number) {
    super(target, `timed out after ${timeoutMs} ms`);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
export const isHttpError = (error: unknown): error is HttpError => error instanceof HttpError;
export const isRateLimitError = (error: unknown): error is RateLimitError => error instanceof RateLimitError;
export const isNetworkError = (error: unknown): error is NetworkError => error instanceof NetworkError;
export const isTimeoutError = (error: unknown): error is TimeoutError => error instanceof TimeoutError;
