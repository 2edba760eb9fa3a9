import { listenOnLoopback } from '../../mock-server/http/listen-on-loopback.js';
import request from 'supertest';
import { expect } from 'vitest';
import { createMockServer, type MockDependencies, type MockServer } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { contractViolations } from './contract-validator.js';
import { controlViolations } from './control-contract.js';

export const DEFAULT_TEST_KEY = 'test-key';

export interface CallOptions {
  /** The key to send; `null` sends none. Defaults to the mock's first configured key. */
  readonly apiKey?: string | null;
  /** Where the key goes: the `api_key` header (default) or the `api_key` query parameter. */
  readonly apiKeyIn?: 'header' | 'query';
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PostOptions extends CallOptions {
  /** Sent as is instead of the JSON of `body`, with `contentType`. */
  readonly raw?: string;
  readonly contentType?: string;
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as received. */
  readonly text: string;
  /** The parsed JSON body (undefined when it is not JSON); already checked against the contract. */
  readonly body: T;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface MockClient {
  readonly baseUrl: string;
  readonly mock: MockServer;
  get<T = unknown>(path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body: unknown, options?: PostOptions): Promise<ApiResponse<T>>;
  send<T = unknown>(method: Method, path: string, options?: PostOptions & { body?: unknown }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

function withQueryKey(path: string, key: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}`;
}

/** The JSON of a body, or undefined when it is not JSON (an empty body included). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Keeps the body as the exact text received, whatever its content type. */
export function rawText(response: request.Response, callback: (error: Error | null, body: string) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => callback(null, text));
}

/**
 * The one test harness: builds the mock (with any injected dependencies, such as a hand-driven
 * clock), listens on 127.0.0.1 on a free port, and returns a client whose every answer is checked
 * against its contract (/v4 against the API's, /__mock against the control API's): declared
 * status, content type and schema. Errors come as problems unless a test asks otherwise, so tests
 * can check the error's kind; the default `--errors agentos` body is tested in
 * test/reading-contacts/readings.test.ts.
 */
export async function startMock(
  input: MockOptionsInput = {},
  dependencies: MockDependencies = {},
): Promise<MockClient> {
  const mock = await createMockServer({ quiet: true, errors: 'problem', ...input }, dependencies);
  const { server, url: listeningUrl } = await listenOnLoopback(mock.requestListener);
  const baseUrl = listeningUrl;
  // A configured key may carry its tiers (`KEY:contacts`); the key sent is the part before them.
  const defaultKey = mock.options.apiKeys[0]?.split(':')[0] ?? DEFAULT_TEST_KEY;

  async function send<T>(method: Method, path: string, options: PostOptions & { body?: unknown } = {}) {
    const key = options.apiKey === undefined ? defaultKey : options.apiKey;
    const url = key !== null && options.apiKeyIn === 'query' ? withQueryKey(path, key) : path;
    let call = request(baseUrl)[method](url).buffer(true).parse(rawText);
    if (key !== null && options.apiKeyIn !== 'query') call = call.set('api_key', key);
    for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
    if (options.raw !== undefined) {
      call = call.set('Content-Type', options.contentType ?? 'application/json').send(options.raw);
    } else if (options.body !== undefined) {
      call = call.set('Content-Type', options.contentType ?? 'application/json').send(JSON.stringify(options.body));
    }
    const response = await call;
    const text = response.body as string;
    const body = parseJson(text);
    const checked = { method, path, status: response.status, contentType: response.headers['content-type'], body };
    const violations = path.startsWith('/v4')
      ? contractViolations(checked)
      : path.startsWith('/__mock')
        ? controlViolations(checked)
        : [];
    expect(violations, `${method.toUpperCase()} ${path} broke its contract:\n${text.slice(0, 500)}`).toEqual([]);
    return { status: response.status, headers: response.headers as Record<string, string>, text, body: body as T };
  }

  return {
    baseUrl,
    mock,
    get: (path, options) => send('get', path, options),
    post: (path, body, options = {}) => send('post', path, { ...options, body }),
    send: (method, path, options) => send(method, path, options),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
