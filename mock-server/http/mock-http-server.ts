import type { Socket } from 'node:net';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { MockServer } from '../create-mock-server.js';
import { onClientError } from './client-error.js';
import { ConnectionTracker } from './connection-tracker.js';

/** A new connection's time to send its first request once a stop has begun. */
const FIRST_REQUEST_GRACE_MS = 2_000;

export interface MockHttpServer {
  readonly server: Server;
  /** Stops accepting, finishes every request that reached the server, then calls `done`. */
  stop(done: () => void): void;
}

/**
 * The listening server around a mock's app, with the settings Node leaves open: header and
 * request timeouts (a silent connection was held 90 s, a slow body 330 s), a connection cap, and
 * client errors answered in the mock's error style rather than as empty 400/431s.
 */
export function createMockHttpServer(mock: MockServer, tls?: { key: string; cert: string }): MockHttpServer {
  const { headersTimeoutMs, requestTimeoutMs, maxConnections } = mock.options;
  const settings = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node checks the two timeouts on this interval (30 s by default, which adds to them).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    keepAliveTimeout: 5_000,
  };
  const server: Server = tls
    ? createHttpsServer({ ...settings, key: tls.key, cert: tls.cert }, mock.requestListener)
    : createHttpServer(settings, mock.requestListener);
  server.on('clientError', (error, socket) => onClientError(error, socket as Socket, mock.options.errors));
  const tracker = new ConnectionTracker(server, maxConnections, tls === undefined, mock.options.errors);
  return { server, stop: (done) => tracker.stop(FIRST_REQUEST_GRACE_MS, done) };
}
