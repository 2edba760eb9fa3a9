import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { createContactsClient, type ContactsClient } from '../../src/create-contacts-client.js';
import type { ContactsClientOptions } from '../../src/client-options.js';
import { createControlClient, type ControlClient } from './control-client.js';

export interface StartMockOptions extends MockOptionsInput {
  /** The key `client` sends; the first `apiKeys` entry, or `test-key` when any key is accepted. */
  readonly apiKey?: string;
  /** The integrator name `client` sends; the first authorised integrator, or `test-integrator`. */
  readonly integrator?: string;
  /** Anything else for the bound client (its own rate limit, retries, fetch...). */
  readonly client?: Partial<ContactsClientOptions>;
}

export interface RunningMock {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The reference client bound to this mock: its short name, key and integrator. */
  readonly client: ContactsClient;
  /** The control API of this mock, typed. */
  readonly control: ControlClient;
  /** The built mock itself (options, state), for what the control API does not cover. */
  readonly mock: MockServer;
  readonly apiKey: string;
  readonly shortName: string;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts the mock in this process on 127.0.0.1 and a free port, quiet by default. Each call is
 * its own mock (its own state, journal and clock), so many can run side by side.
 */
export async function startMock(input: StartMockOptions = {}): Promise<RunningMock> {
  const { apiKey: givenKey, integrator: givenIntegrator, client: clientOptions, ...mockInput } = input;
  const mock = await createMockServer({ quiet: true, ...mockInput, port: mockInput.port ?? 0 });
  const { options } = mock;
  const server = createServer(mock.requestListener);
  const address = await listen(server, options.port, mockInput.host ?? '127.0.0.1');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const apiKey = givenKey ?? options.apiKeys[0]?.split(':')[0] ?? 'test-key';
  const shortName = options.shortNames[0] as string;
  // The client paces itself by the mock's limit (or not at all), and waits one window after a 429.
  const limit = options.rateLimit ?? { requests: 1_000_000, windowMs: 1000 };
  const client = createContactsClient({
    baseUrl: url,
    apiKey,
    shortName,
    integrator: givenIntegrator ?? options.authorisedIntegrators[0] ?? 'test-integrator',
    rateLimit: limit,
    defaultRetryAfterMs: limit.windowMs,
    ...clientOptions,
  });
  const control = createControlClient(url, {
    ...(options.adminToken === undefined ? {} : { adminToken: options.adminToken }),
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return stopped;
  };
  return { url, client, control, mock, apiKey, shortName, stop };
}
