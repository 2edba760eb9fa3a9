import { listenOnLoopback } from '../../mock-server/http/listen-on-loopback.js';
import { createMockServer, type MockDependencies, type MockServer } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';

export const TEST_KEY = 'client-test-key-5ecret';

/** A mock listening on 127.0.0.1:0, with plain-fetch access to its control API. */
export interface MockTarget {
  readonly baseUrl: string;
  readonly mock: MockServer;
  /** A `/__mock/...` call; answers the parsed JSON body (undefined for 204). */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** `GET /__mock/requests` with the given filters. */
  journal(query?: Record<string, string>): Promise<JournalEntry[]>;
  close(): Promise<void>;
}

export interface JournalEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly status: number;
  readonly warnings: string[];
}

/** `dependencies` can inject the mock's clock (`elapsed`), to share one hand-driven time with a client. */
export async function startMockTarget(
  input: MockOptionsInput = {},
  dependencies: MockDependencies = {},
): Promise<MockTarget> {
  const mock = await createMockServer({ quiet: true, ...input }, dependencies);
  const { server, url: listeningUrl } = await listenOnLoopback(mock.requestListener);
  const baseUrl = listeningUrl;
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__mock${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__mock${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  return {
    baseUrl,
    mock,
    control,
    journal: async (query = {}) =>
      (await control<{ Data: JournalEntry[] }>('GET', `/requests?${new URLSearchParams(query)}`)).Data,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
