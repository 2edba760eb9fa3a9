import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  createContactsClient,
  HttpError,
  isApiError,
  isHttpError,
  isNetworkError,
  isRateLimitError,
  isTimeoutError,
  NetworkError,
  RateLimitError,
  TimeoutError,
} from '../../src/index.js';
import { startMockTarget, TEST_KEY, type MockTarget } from './mock-target.js';

const SECRET = 'sk-live-0123456789abcdef';

function inspect(error: unknown): string {
  return `${String(error)}\n${(error as Error).stack ?? ''}\n${JSON.stringify(error)}`;
}

describe('errors: one hierarchy, guards, messages with method, path and status, never the key', () => {
  let target: MockTarget;
  beforeAll(async () => {
    target = await startMockTarget({ apiKeys: [TEST_KEY], counts: { tenants: 10 } });
  });
  afterAll(() => target.close());

  const client = (options: Partial<Parameters<typeof createContactsClient>[0]> = {}) =>
    createContactsClient({
      baseUrl: target.baseUrl,
      apiKey: TEST_KEY,
      shortName: 'demo',
      retries: 0,
      ...options,
    });

  it.each([
    { name: 'an unknown key', options: { apiKey: SECRET }, status: 401, type: 'invalid-api-key' },
    {
      name: 'an unknown agency',
      options: { shortName: 'nobody', apiKey: SECRET },
      status: 401,
      type: 'invalid-api-key',
    },
    {
      name: 'an unknown agency with a good key',
      options: { shortName: 'nobody' },
      status: 404,
      type: 'unknown-agency',
    },
  ])('$name is an HttpError $status with its problem body', async ({ options, status, type }) => {
    const error = await client(options)
      .tenants.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(ApiError);
    expect([isApiError(error), isHttpError(error), isRateLimitError(error), isNetworkError(error)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const http = error as HttpError;
    expect(http.status).toBe(status);
    // The body's style is a reading of the mock ({"Message"} or problem+json): only its sentence is checked.
    expect(http.serverMessage, type).toMatch(/\w/);
    expect(http.message).toContain(http.serverMessage);
    expect(http.method).toBe('GET');
    expect(http.message).toContain(` ${status} `);
    expect(inspect(error)).not.toContain(SECRET);
    expect(inspect(error)).not.toContain(TEST_KEY);
  });

  it('a refused connection is a NetworkError after the retries', async () => {
    let attempts = 0;
    const error = await createContactsClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: SECRET,
      shortName: 'demo',
      retries: 2,
      backoffMs: 1,
      fetch: (input, init) => {
        attempts += 1;
        return fetch(input, init);
      },
    })
      .branches.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(attempts).toBe(3);
    expect((error as Error).message).toMatch(/^GET \/v4\/contacts\/demo\/company\/branches\/0\/100: network error/);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it('a slow answer is a TimeoutError (AbortSignal), not a hang', async () => {
    const error = await client({
      timeoutMs: 100,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, prefer: 'delay=2000' } }),
    })
      .branches.list()
      .catch((caught: unknown) => caught);
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain('timed out after 100 ms');
  });

  it('a caller abort stops the call with the caller’s reason, without retrying', async () => {
    const controller = new AbortController();
    const pending = client({
      retries: 3,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, prefer: 'delay=2000' } }),
    }).branches.list({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 50);
    await expect(pending).rejects.toThrow('user gave up');
  });

  it('RateLimitError is an HttpError 429 with the wait the server asked for', async () => {
    const error = await client({
      maxRateLimitWaits: 0,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, prefer: 'code=429' } }),
    })
      .branches.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(isHttpError(error) && error.status).toBe(429);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
  });

  it('rejects options without the required fields', () => {
    expect(() => createContactsClient({ baseUrl: '', apiKey: 'k', shortName: 'demo' })).toThrow('baseUrl is required');
  });
});
