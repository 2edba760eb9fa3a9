import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock-server/create-mock-server.js';
import { createMockHttpServer, type MockHttpServer } from '../../mock-server/http/mock-http-server.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { schemaValidator } from '../support/contract-validator.js';
import { rawRequest, type RawAnswer } from '../support/raw-http.js';

let running: MockHttpServer | undefined;
afterEach(async () => {
  const server = running?.server;
  running = undefined;
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function listen(input: MockOptionsInput = {}): Promise<number> {
  // Problem bodies, so each answer's kind can be checked; the default {"Message"} style is in test/running-the-mock/cli-start.test.ts.
  running = createMockHttpServer(await createMockServer({ quiet: true, errors: 'problem', ...input }));
  const server = running.server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const problemSchema = schemaValidator('Problem');

function expectProblemAnswer(answer: RawAnswer, status: number, kind: string): void {
  expect(answer?.status, answer?.body).toBe(status);
  expect(answer?.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(answer?.body ?? 'null') as { type: string };
  expect(problemSchema(body), JSON.stringify(problemSchema.errors)).toBe(true);
  expect(body.type).toBe(`urn:agentos-contacts-kit:problem:${kind}`);
}

// Finding 13: Node's HTTP layer answered these with empty bodies.
describe('errors from the HTTP layer', () => {
  it('a malformed request line is a 400 with a body', async () => {
    const port = await listen();
    expectProblemAnswer(await rawRequest(port, 'GET /v4 HTTP/1.1 extra\r\nHost: x\r\n\r\n'), 400, 'malformed-request');
  });

  it('an invalid header is a 400 with a body', async () => {
    const port = await listen();
    expectProblemAnswer(await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHo st: x\r\n\r\n'), 400, 'malformed-request');
  });

  it('headers over 16 KB are a 431 with a body', async () => {
    const port = await listen();
    const request = `GET /v4/contacts/demo/tenants/0/1 HTTP/1.1\r\nHost: x\r\napi_key: k\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    expectProblemAnswer(await rawRequest(port, request), 431, 'headers-too-large');
  });
});

// Finding 12: no timeouts (a silent connection held 90 s, a slow body 330 s) and no connection cap.
describe('server timeouts and the connection cap', () => {
  it('closes a connection that sends nothing once --headers-timeout passes', async () => {
    const port = await listen({ headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
    // Closed by the server (with a 408), not ended by the 5 s wait; so is one that stops mid-headers.
    const silent = await rawRequest(port, '', 5_000);
    expect([silent.status, silent.headers.connection]).toEqual([408, 'close']);
    const halfway = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 5_000);
    expect(halfway.status).toBe(408);
  });

  it('ends a slow body once --request-timeout passes, with a 408', async () => {
    const port = await listen({ headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
    const head = 'POST /v4/contacts/demo/company/objects/x/y/customfield HTTP/1.1\r\nHost: x\r\napi_key: k\r\n';
    const answer = await rawRequest(
      port,
      `${head}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
      5_000,
    );
    expect(answer?.status).toBe(408);
    expect(answer?.headers.connection).toBe('close');
  });

  it('answers the connection past --max-connections with a 503 and keeps serving the others', async () => {
    const port = await listen({ maxConnections: 2 });
    const { connect } = await import('node:net');
    const held = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    await Promise.all(held.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expectProblemAnswer(
      await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
      503,
      'too-many-connections',
    );
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))?.status).toBe(200);
  });

  it('refuses a headers timeout longer than the request timeout, naming the flag', async () => {
    await expect(createMockServer({ headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 })).rejects.toThrow(
      /request-timeout/,
    );
  });
});
