import { Server as NetServer, type Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ProblemError, type ErrorStyle } from '../pipeline/problems.js';
import { rawProblemResponse } from './render-problem.js';

/** A stopping server closes its listener once no connection has come for this long (at most the max). */
const ACCEPT_QUIET_MS = 100;
const MAX_ACCEPT_DRAIN_MS = 1_000;

interface Connection {
  /** Requests being answered on it now. */
  busy: number;
  /** Whether it has been answered at least once: only then is "not busy" truly idle. */
  served: boolean;
}

/**
 * Keeps count of the server's connections: it refuses those past the cap with a 503, and on stop
 * closes only connections that are idle between requests. Node's own closeIdleConnections (which
 * server.close() calls) also closes a connection whose first request is not parsed yet, so up to
 * 42 of 50 requests sent just before SIGTERM were reset.
 */
export class ConnectionTracker {
  private readonly connections = new Map<Socket, Connection>();
  private stopping = false;
  private graceUntil = Infinity;
  private lastAcceptAt = 0;

  constructor(
    private readonly server: Server,
    private readonly maxConnections: number,
    /** Whether 'connection' sockets carry plain HTTP (not TLS), so a 503 can be written on them. */
    plain: boolean,
    /** The --errors style of the 503 written past the cap. */
    style: ErrorStyle,
  ) {
    if (!plain) server.maxConnections = maxConnections; // TLS: dropped, since nothing plain can be written
    server.on('connection', (socket: Socket) => {
      this.lastAcceptAt = Date.now();
      if (plain && this.connections.size >= maxConnections) {
        socket.end(
          rawProblemResponse(
            new ProblemError(
              'too-many-connections',
              `The mock holds ${maxConnections} connections (--max-connections).`,
              undefined,
              {
                'Retry-After': '1',
              },
            ),
            style,
          ),
        );
        return;
      }
      this.connections.set(socket, { busy: 0, served: false });
      socket.once('close', () => this.connections.delete(socket));
    });
    // Ahead of the app's listener: most answers are written before the request event's later
    // listeners run, and a Connection header set after them threw out of the server mid-stop.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const connection = this.connections.get(request.socket);
      if (!connection) return;
      connection.busy++;
      if (this.stopping) response.setHeader('Connection', 'close');
      response.once('close', () => {
        connection.busy--;
        connection.served = true;
        if (this.stopping) this.closeIdle();
      });
    });
  }

  get size(): number {
    return this.connections.size;
  }

  /** Destroys connections with no request under way: answered ones now, fresh ones once the grace ends. */
  private closeIdle(): void {
    const graceOver = Date.now() >= this.graceUntil;
    for (const [socket, connection] of this.connections) {
      if (connection.busy === 0 && (connection.served || graceOver)) socket.destroy();
    }
  }

  /**
   * Stops accepting, lets every request that reached the server finish (a new connection gets
   * `graceMs` to send its first request), then calls `done`.
   */
  stop(graceMs: number, done: () => void): void {
    this.stopping = true;
    const started = Date.now();
    this.graceUntil = started + graceMs;
    // The listener closes once no connection has come for a moment: closing it at once reset the
    // connections still in the kernel's accept queue (their clients saw them open), 44 of 50.
    let closed = false;
    // Decided in the check phase, after the loop's poll phase has accepted whatever the kernel
    // holds: a process descheduled past the quiet time (a loaded machine) would otherwise wake in
    // the timers phase and close the listener before accepting connections already queued.
    const decide = (): void => {
      const now = Date.now();
      if (closed || (now - this.lastAcceptAt < ACCEPT_QUIET_MS && now - started < MAX_ACCEPT_DRAIN_MS)) return;
      closed = true;
      clearInterval(drain);
      // net.Server's close, not http.Server's: that one would close not-yet-parsed connections too.
      NetServer.prototype.close.call(this.server, () => done());
      this.closeIdle();
    };
    const drain = setInterval(() => setImmediate(decide), 20);
    this.lastAcceptAt = started;
    setInterval(() => this.closeIdle(), 50).unref();
  }
}
