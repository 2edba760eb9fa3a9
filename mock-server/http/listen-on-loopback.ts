import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A built mock listening for a test or a tool: its base URL, and a close that drops every connection. */
export interface ListeningMock {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 on a free port (tests, tools, the partner test kit): never beyond loopback. */
export async function listenOnLoopback(app: Express): Promise<ListeningMock> {
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
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
