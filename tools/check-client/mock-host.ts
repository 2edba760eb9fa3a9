import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';

/** The query parameter that marks the other client's requests in the journal. */
export const ADVERSARY_MARK = 'checkClientAdversary';

/** What the host does to the command's traffic in adversarial mode. */
export interface HostFaults {
  /** Answer 429s without `Retry-After`, as agentOS may. */
  stripRetryAfter: boolean;
  /** Every this-many-th request of the command is answered 503 (0: none); the next one never is. */
  fail503Every: number;
}

export interface MockHost {
  readonly url: string;
  readonly mock: MockServer;
  readonly faults: HostFaults;
  /** /v4 requests answered so far, counted outside the journal, to prove it held them all. */
  answered(): number;
  /** The command's /v4 requests so far (not the other client's). */
  commandRequests(): number;
  stop(): Promise<void>;
}

/**
 * Runs the mock in this process for check-client (on its `port` and `host`), with a thin
 * layer in front that counts requests and plays the adversarial faults through the mock's own
 * pipeline (a `Prefer: code=503` header), so every fault is journaled like any other answer.
 */
export async function startMockHost(input: MockOptionsInput, faults: HostFaults): Promise<MockHost> {
  const mock = await createMockServer(input);
  let answered = 0;
  let commandRequests = 0;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '';
    if (url.startsWith('/v4/')) {
      response.once('finish', () => answered++);
      if (!url.includes(`${ADVERSARY_MARK}=`)) {
        commandRequests++;
        if (faults.fail503Every > 0 && commandRequests % faults.fail503Every === 3 % faults.fail503Every) {
          request.headers.prefer = 'code=503';
        }
      }
      if (faults.stripRetryAfter) {
        const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
        response.writeHead = ((...args: unknown[]) => {
          if (args[0] === 429) response.removeHeader('Retry-After');
          return writeHead(...args);
        }) as ServerResponse['writeHead'];
      }
    }
    mock.requestListener(request, response);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(mock.options.port, mock.options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is still reached through loopback by the command on this machine.
  const host = ['0.0.0.0', '::'].includes(mock.options.host) ? '127.0.0.1' : mock.options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    mock,
    faults,
    answered: () => answered,
    commandRequests: () => commandRequests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
