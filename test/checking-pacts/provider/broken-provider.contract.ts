/**
 * A provider that breaks the pacts must fail verification, for the right reason: this proxy in
 * front of the mock drops `OID` from every record of every list (paged or a bare array).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../../mock-server/create-mock-server.js';
import { pactPaths } from '../../../tools/pact/pact-files.js';
import { verifyPacts } from '../../../tools/pact/verify-pacts.js';

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('verification against a broken provider', () => {
  let mock: { server: Server; url: string };
  let broken: { server: Server; url: string };

  beforeAll(async () => {
    mock = await listen((await createMockServer({ quiet: true })).app);
    const proxy = express();
    proxy.use(express.raw({ type: '*/*' }));
    proxy.all('/{*path}', async (req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
      const upstream = await fetch(`${mock.url}${req.originalUrl}`, {
        method: req.method,
        headers,
        body: Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined,
      });
      let text = await upstream.text();
      const body = (() => {
        try {
          return JSON.parse(text) as { Data?: Record<string, unknown>[] } | Record<string, unknown>[];
        } catch {
          return undefined;
        }
      })();
      // The break: list records lose their OID, in a page's Data or a bare array (personcontacts).
      const records = Array.isArray(body) ? body : body?.Data;
      if (req.path.startsWith('/v4/') && Array.isArray(records)) {
        for (const record of records) if (record && typeof record === 'object') delete record.OID;
        text = JSON.stringify(body);
      }
      upstream.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
          res.setHeader(name, value);
      });
      res.status(upstream.status).end(text);
    });
    broken = await listen(proxy);
  });

  afterAll(async () => {
    await close(broken.server);
    await close(mock.server);
  });

  it('fails, naming the dropped field, on exactly the interactions whose records lost it', async () => {
    const result = await verifyPacts({ pactFiles: pactPaths('contracts/pacts'), providerBaseUrl: broken.url });
    expect(result.ok).toBe(false);
    const failed = result.results.filter((r) => r.status === 'failed');
    for (const r of failed)
      process.stdout.write(`FAILED  ${r.label}\n${r.reasons.map((x) => `        ${x}\n`).join('')}`);
    expect(failed.map((r) => r.description).sort()).toEqual(
      [
        'a request for a page of branches',
        'a request for a page of landlords of one branch',
        'a request for a page of lettings applicants of one branch',
        'a request for a page of sales applicants of one branch',
        'a request for a page of tenants of one branch',
        'a request for a page of vendors of one branch',
        'a request for every role of a person who holds several',
      ].sort(),
    );
    for (const r of failed) expect(r.reasons.join('\n')).toMatch(/OID/);
    expect(result.results.filter((r) => r.status === 'passed').length).toBe(result.results.length - failed.length);
  });
});
