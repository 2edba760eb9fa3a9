import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A built mock listening for a test or a tool: its base URL, and a close that drops every connection. */
export interface ListeningMock {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 on a free port (tests, tools, the partner test kit): never beyond loopback.
 * Given a mock's `requestListener` (or its `app`, to test the mounted path).
 */
export async function listenOnLoopback(listener: RequestListener): Promise<ListeningMock> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
