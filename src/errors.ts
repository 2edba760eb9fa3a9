import type { Problem } from './contract-types.js';

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

/** The server answered with a status outside 2xx; `problem` is its problem+json body when it sent one. */
export class HttpError extends ApiError {
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(target: RequestTarget, status: number, problem: Problem | undefined) {
    const detail = problem ? ` ${problem.title}: ${problem.detail}` : '';
    super(target, `${status}${detail}`);
    this.name = 'HttpError';
    this.status = status;
    this.problem = problem;
  }
}

/** 429 kept coming back after the client waited as told (another process may share the key). */
export class RateLimitError extends HttpError {
  /** What the last 429's `Retry-After` asked for, in milliseconds. */
  readonly retryAfterMs: number;
  constructor(target: RequestTarget, problem: Problem | undefined, retryAfterMs: number) {
    super(target, 429, problem);
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
