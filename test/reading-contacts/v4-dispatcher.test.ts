import express from 'express';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { Agent, createServer, request, type RequestListener, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listOperations, loadContract } from '../../mock-server/contract/contract.js';
import { expressPath } from '../../mock-server/contract/path-template.js';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.js';
import { V4Router } from '../../mock-server/pipeline/v4-router.js';
import { BASE, oid } from '../support/contact-routes.js';

const KEY = 'dispatcher-key';
const operations = listOperations(loadContract().document);

const servers: Server[] = [];
async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const agent = new Agent({ keepAlive: true });
afterAll(() => agent.destroy());

/** Sends the path exactly as written (fetch would resolve `.` and `..` segments first). */
function sendAsWritten(base: string, method: string, path: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request({ agent, hostname, port, method, path }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** What Express's own router makes of a path, with the contract's templates as its routes. */
async function expressRouterUrl(): Promise<string> {
  const app = express();
  for (const operation of operations) {
    app[operation.method as 'get' | 'post'](expressPath(operation.path), (request, response) => {
      response.json({ operationId: operation.operationId, params: { ...request.params } });
    });
  }
  app.use((_request, response) => void response.status(404).json({ none: true }));
  app.use((error: Error, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    response.status(400).json({ error: error.message });
  });
  return listen(app);
}

/** The same question put to the dispatcher's router. */
function routerAnswer(router: V4Router<string>, method: string, path: string): { status: number; body: unknown } {
  try {
    const match = router.match(method, path);
    if (!match) return { status: 404, body: { none: true } };
    return { status: 200, body: { operationId: match.route, params: match.params } };
  } catch (error) {
    return { status: 400, body: { error: (error as Error).message } };
  }
}

describe('the /v4 router', () => {
  let expressUrl: string;
  const router = new V4Router(operations.map((operation) => ({ operation, route: operation.operationId })));
  beforeAll(async () => {
    expressUrl = await expressRouterUrl();
  });

  it('no two operations of the contract match the same path under the same method', () => {
    const shape = (path: string): string => path.toLowerCase().replace(/\{[^}]+\}/g, '{}');
    const seen = operations.map((operation) => `${operation.method} ${shape(operation.path)}`);
    expect(new Set(seen).size).toBe(seen.length);
    // Shapes that differ only where one has a parameter and the other a literal would overlap.
    for (const one of operations) {
      for (const other of operations) {
        if (one === other || one.method !== other.method) continue;
        const a = one.path.split('/');
        const b = other.path.split('/');
        const overlap =
          a.length === b.length &&
          a.every((part, i) => part === b[i] || /^\{/.test(part) || /^\{/.test(b[i] as string));
        expect(overlap, `${one.path} and ${other.path}`).toBe(false);
      }
    }
  });

  it('matches what Express 5 routes match: any case, one trailing slash, decoded parameters, 400 on a bad escape', async () => {
    const segment = fc.oneof(
      fc.constantFrom('0', '10', 'demo', '.', '..', '%30', '%2F', '%E0%A4%A', '%', '', 'tenants', 'TEN-1', '%C3%A9'),
      fc.stringMatching(/^[A-Za-z0-9._~-]{1,6}$/),
    );
    const path = fc
      .tuple(
        fc.constantFrom(...operations),
        fc.array(segment, { minLength: 6, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('', '/', '//', '/extra'),
        fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
      )
      .map(([operation, values, shout, tail, method]) => {
        let next = 0;
        const parts = operation.path
          .split('/')
          .map((part, index) =>
            part.startsWith('{') ? (values[next++] ?? '0') : shout[index] ? part.toUpperCase() : part,
          );
        return { method, path: parts.join('/') + tail };
      });
    await fc.assert(
      fc.asyncProperty(path, async ({ method, path: sent }) => {
        const response = await sendAsWritten(expressUrl, method, sent);
        const expected = { status: response.status, body: method === 'HEAD' ? undefined : JSON.parse(response.text) };
        const actual = routerAnswer(router, method, sent);
        expect({ status: actual.status, body: method === 'HEAD' ? undefined : actual.body }).toEqual(expected);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });
});

describe('the mock answers the same through requestListener, its Express app, and the app mounted in another', () => {
  let mock: MockServer;
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    mock = await createMockServer({ quiet: true, apiKeys: [KEY] });
    const outer = express();
    outer.disable('x-powered-by'); // the outer app's own header, not the mock's
    outer.use('/partner', mock.app);
    urls.listener = await listen(mock.requestListener);
    urls.app = await listen(mock.app);
    urls.mounted = (await listen(outer)) + '/partner';
  });
  afterAll(() => mock.close());

  const cases: { path: string; method?: string; headers?: Record<string, string>; body?: string }[] = [
    { path: `${BASE}/tenants/0/3` },
    { path: `${BASE}/tenants/0/3` }, // a second time: from the response cache
    { path: `/V4/Contacts/demo/TENANTS/0/3/` },
    { path: `${BASE}/tenants/${oid('TEN', 2)}` },
    { path: `${BASE}/tenants/${oid('TEN', 2)}`, method: 'HEAD' },
    { path: `${BASE}/tenants/0/3?unknown=1&count=2` },
    { path: `${BASE}/tenants/0/3`, headers: { prefer: 'code=429' } },
    { path: `${BASE}/tenants/%E0%A4%A/3` },
    { path: `${BASE}/tenants/0/3`, headers: { api_key: 'not-a-key' } },
    { path: `/v4/contacts/nowhere/tenants/0/3` },
    { path: `${BASE}/tenants/0/3`, method: 'DELETE' },
    { path: `/v4/contacts/demo/nothing` },
    { path: `${BASE}/company/objects/${oid('TEN', 2)}/F1/customfield`, method: 'POST', body: '{"Value":' },
    {
      path: `${BASE}/company/objects/${oid('TEN', 2)}/F1/customfield`,
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    },
  ];

  it('gives the same status, headers and body to each request, and journals them alike', async () => {
    const answers: Record<string, unknown[]> = {};
    for (const [name, url] of Object.entries(urls)) {
      await mock.reset();
      answers[name] = [];
      for (const { path, method = 'GET', headers = {}, body } of cases) {
        const response = await fetch(url + path, {
          method,
          headers: { api_key: KEY, 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body }),
        });
        const kept = [...response.headers].filter(([header]) => !['date', 'connection', 'keep-alive'].includes(header));
        answers[name]!.push({ path, status: response.status, headers: kept, body: await response.text() });
      }
      const journal = (await (await fetch(`${url}/__mock/requests`)).json()) as { Data: Record<string, unknown>[] };
      answers[name]!.push(
        journal.Data.map(({ method, status, query, warnings }) => ({ method, status, query, warnings })),
      );
    }
    expect(answers.listener).toHaveLength(cases.length + 1);
    expect(answers.app).toEqual(answers.listener);
    expect(answers.mounted).toEqual(answers.listener);
  });

  it('matches a request against the routes once, though the listener and the app both run the dispatcher', async () => {
    const match = vi.spyOn(V4Router.prototype, 'match');
    try {
      for (const [method, path, status] of [
        ['GET', '/v4/contacts/demo/nothing', 404],
        ['DELETE', `${BASE}/tenants/0/3`, 405],
      ] as const) {
        match.mockClear();
        const response = await fetch(urls.listener + path, { method, headers: { api_key: KEY } });
        expect(response.status).toBe(status);
        expect(match).toHaveBeenCalledTimes(1);
      }
      // An operation is matched once too, and answered.
      match.mockClear();
      expect((await fetch(`${urls.listener}${BASE}/tenants/0/3`, { headers: { api_key: KEY } })).status).toBe(200);
      expect(match).toHaveBeenCalledTimes(1);
    } finally {
      match.mockRestore();
    }
  });
});
