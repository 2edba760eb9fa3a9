import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock-server/create-mock-server.js';
import { listenOnLoopback, type ListeningMock } from '../../mock-server/http/listen-on-loopback.js';
import { httpGet } from '../../scripts/bench/http-get.js';
import { writePeerSpec } from '../../scripts/bench/peers/peer-spec.js';
import { discoverRoutes } from '../../scripts/bench/routes.js';

// The benches find their routes in the mock's answers; when the data model changes, this says
// whether they still can (no bench runs here: speed is measured by `npm run bench*`, never a test).
describe('bench routes and the peers spec', () => {
  let listening: ListeningMock;
  let dir: string;

  beforeAll(async () => {
    const mock = await createMockServer({ quiet: true });
    listening = await listenOnLoopback(mock.app);
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-routes-'));
  });
  afterAll(async () => {
    await listening.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the 1000-record page and opens its first record by that record’s own identifier', async () => {
    const routes = await discoverRoutes(listening.url);
    const page = JSON.parse((await httpGet(listening.url + routes.hot)).body.toString()) as Record<string, unknown>;
    // Whatever the envelope's field names, its one array holds the records.
    const records = Object.values(page).find((value) => Array.isArray(value)) as unknown[];
    const single = await httpGet(listening.url + routes.single);
    expect(records).toHaveLength(1000);
    expect(single.status).toBe(200);
    expect(JSON.parse(single.body.toString())).toEqual(records[0]);
  });

  it("writes the contract with the mock's answers as the benched routes' 200 examples", async () => {
    const routes = await discoverRoutes(listening.url);
    const answers = new Map<string, Buffer>();
    for (const route of [routes.hot, routes.single]) answers.set(route, (await httpGet(listening.url + route)).body);
    const document = JSON.parse(readFileSync(writePeerSpec(dir, answers), 'utf8')) as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content: Record<string, { example?: unknown }> }> } }
      >;
    };
    const examples = Object.values(document.paths)
      .map((item) => item.get?.responses['200']?.content['application/json']?.example)
      .filter((example) => example !== undefined);
    expect(examples).toEqual(expect.arrayContaining([...answers.values()].map((body) => JSON.parse(body.toString()))));
    expect(examples).toHaveLength(2);
  });
});
