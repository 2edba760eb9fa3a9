import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { expect } from 'vitest';
import { createMockServer, type MockDependencies } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { contractViolations } from './contract-validator.js';
import { controlViolations } from './control-contract.js';
import {
  DEFAULT_TEST_KEY,
  parseJson,
  rawText,
  type ApiResponse,
  type MockClient,
  type PostOptions,
} from './mock-client.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A hand-driven monotonic counter for createMockServer's `elapsed`: time moves only when told. */
export interface FakeTime {
  readonly elapsed: () => number;
  advance(milliseconds: number): void;
  readonly now: number;
}

export function fakeTime(start = 0): FakeTime {
  let now = start;
  return {
    elapsed: () => now,
    advance: (milliseconds) => {
      now += milliseconds;
    },
    get now() {
      return now;
    },
  };
}

export interface ClockView {
  readonly now: string;
  readonly day: number;
  readonly start: string;
  readonly frozen: boolean;
}

export interface JournalView {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly status: number;
  readonly key: string | null;
  readonly warnings: string[];
}

export interface ControlOptions {
  /** The admin token to send as a bearer token; defaults to the mock's own, `null` sends none. */
  readonly token?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface BehaviourClient extends MockClient {
  /** A /__mock call (no api_key), checked against contracts/mock-control.openapi.yaml. */
  control<T = unknown>(method: Method, path: string, body?: unknown, options?: ControlOptions): Promise<ApiResponse<T>>;
  /** `POST /__mock/clock {"advance": duration}`, expecting 200. */
  advance(duration: string): Promise<ClockView>;
  /** `GET /__mock/requests?query`, expecting 200. */
  journal(query?: string): Promise<JournalView[]>;
}

/**
 * Like startMock, but forwards createMockServer's dependencies (an injected `elapsed` clock), and
 * checks /__mock responses against the control contract as well as /v4 ones against the API's.
 */
export async function startBehaviourMock(
  input: MockOptionsInput = {},
  dependencies: MockDependencies = {},
): Promise<BehaviourClient> {
  const mock = await createMockServer({ quiet: true, errors: 'problem', ...input }, dependencies);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = mock.app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const defaultKey = (mock.options.apiKeys[0] ?? DEFAULT_TEST_KEY).split(':')[0] as string;
  const adminToken = mock.options.adminToken;

  async function send<T>(
    method: Method,
    path: string,
    options: PostOptions & { body?: unknown } = {},
  ): Promise<ApiResponse<T>> {
    const key = options.apiKey === undefined ? defaultKey : options.apiKey;
    const url =
      key !== null && options.apiKeyIn === 'query'
        ? `${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}`
        : path;
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

  function control<T>(method: Method, path: string, body?: unknown, options: ControlOptions = {}) {
    const token = options.token === undefined ? adminToken : options.token;
    const headers = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers };
    return send<T>(method, path, { apiKey: null, headers, ...(body === undefined ? {} : { body }) });
  }

  return {
    baseUrl,
    mock,
    get: (path, options) => send('get', path, options),
    post: (path, body, options = {}) => send('post', path, { ...options, body }),
    send: (method, path, options) => send(method, path, options),
    control,
    async advance(duration) {
      const response = await control<ClockView>('post', '/__mock/clock', { advance: duration });
      expect(response.status, response.text).toBe(200);
      return response.body;
    },
    async journal(query = '') {
      const response = await control<{ Count: number; Data: JournalView[] }>(
        'get',
        `/__mock/requests${query ? `?${query}` : ''}`,
      );
      expect(response.status, response.text).toBe(200);
      expect(response.body.Count).toBe(response.body.Data.length);
      return response.body.Data;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Sends `count` requests one after another and returns their statuses. */
export async function statusesOf(
  count: number,
  call: (index: number) => Promise<ApiResponse<unknown>>,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index++) statuses.push((await call(index)).status);
  return statuses;
}

/** How many times each status occurs. */
export function tally(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * Mocks reused across tests with the same settings: each `take` resets the mock (limits, clock,
 * journal, overrides) so a test starts as on a fresh server, without paying for a new one.
 * Every mock runs on its own FakeTime.
 */
export function mockPool() {
  const pool = new Map<string, { client: BehaviourClient; time: FakeTime }>();
  return {
    async take(input: MockOptionsInput): Promise<{ client: BehaviourClient; time: FakeTime }> {
      const key = JSON.stringify(input);
      const existing = pool.get(key);
      if (existing) {
        existing.client.mock.reset();
        return existing;
      }
      const time = fakeTime(1_000);
      const created = { client: await startBehaviourMock(input, { elapsed: time.elapsed }), time };
      pool.set(key, created);
      return created;
    },
    async close(): Promise<void> {
      await Promise.all([...pool.values()].map(({ client }) => client.close()));
      pool.clear();
    },
  };
}
