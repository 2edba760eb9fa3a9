// Loads the precomputed responses a ceiling server answers: a manifest of { path, contentType, file }.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

export function loadRoutes() {
  const manifestPath = process.argv[2];
  if (!manifestPath) throw new Error('usage: node ceiling-*.mjs MANIFEST.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return manifest.routes.map((route) => ({
    path: route.path,
    contentType: route.contentType,
    body: readFileSync(path.resolve(path.dirname(manifestPath), route.file)),
  }));
}

/** Same announcement as the mock's, so the bench finds every server's port the same way. */
export function announce(name, server) {
  process.stdout.write(`${name} listening on http://127.0.0.1:${server.address().port}\n`);
}
