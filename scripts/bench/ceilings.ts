import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type Server } from './children.js';
import { httpGet } from './http-get.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface Ceilings {
  readonly http: Server;
  readonly express: Server;
  /** Bytes of each route's precomputed answer. */
  readonly sizes: Readonly<Record<string, number>>;
}

/**
 * Fetches each route's exact bytes and content type from the mock, writes them to a temp dir,
 * and starts both ceiling servers on them (plain node, no tsx, so nothing extra runs in them);
 * `expressDefaults` runs Express with its defaults (res.send, ETag) instead of the mock's way.
 */
export async function startCeilings(
  mockUrl: string,
  routes: readonly string[],
  expressDefaults = false,
): Promise<Ceilings> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'contacts-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const manifest: { path: string; contentType: string; file: string }[] = [];
  const sizes: Record<string, number> = {};
  for (const [index, route] of routes.entries()) {
    const answer = await httpGet(mockUrl + route);
    if (answer.status !== 200) throw new Error(`mock answered ${answer.status} to ${route}`);
    const file = `body-${index}.bin`;
    writeFileSync(path.join(dir, file), answer.body);
    manifest.push({ path: route, contentType: answer.contentType, file });
    sizes[route] = answer.body.length;
  }
  const manifestPath = path.join(dir, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify({ routes: manifest }));
  const http = await startServer('node:http', [path.join(HERE, 'ceiling-http.mjs'), manifestPath]);
  const express = await startServer('bare Express', [
    path.join(HERE, 'ceiling-express.mjs'),
    manifestPath,
    ...(expressDefaults ? ['--defaults'] : []),
  ]);
  // Both must answer exactly what the mock does, or the ratios compare different work.
  for (const route of routes) {
    for (const server of [http, express]) {
      const answer = await httpGet(server.url + route);
      if (answer.status !== 200 || answer.body.length !== sizes[route]) {
        throw new Error(`${server.name} does not answer ${route} like the mock`);
      }
    }
  }
  return { http, express, sizes };
}
