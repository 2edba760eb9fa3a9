import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a stub answers: status, headers and a body (a string is sent as is, anything else as JSON). */
export interface StubAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface StubServer {
  readonly baseUrl: string;
  /** Every request received, in order: method and URL path with query. */
  readonly requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/**
 * A tiny HTTP server on 127.0.0.1 and a free port that answers each request with `answer`: for
 * testing the client against readings of agentOS that the mock may not serve.
 */
export async function startStubServer(answer: (request: IncomingMessage) => StubAnswer): Promise<StubServer> {
  const requests: StubServer['requests'] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    request.resume();
    request.on('end', () => {
      const { status, headers = {}, body } = answer(request);
      const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
      const type = typeof body === 'string' ? {} : { 'content-type': 'application/json; charset=utf-8' };
      response.writeHead(status, { ...type, ...headers });
      response.end(text);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
