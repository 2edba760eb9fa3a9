import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The peers' own package.json and lockfile; `npm ci` installs them into node_modules beside (git-ignored). */
export const PEERS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'install');
const LOCKFILE = path.join(PEERS_DIR, 'package-lock.json');
/** Written after a good install: the lockfile's hash, so a changed pin reinstalls. */
const STAMP = path.join(PEERS_DIR, 'node_modules', '.installed-lock-sha256');

/** The entry script of each peer's CLI, run with this node so its PID is the server's. */
export const PEER_BINS = {
  prism: path.join(PEERS_DIR, 'node_modules/@stoplight/prism-cli/dist/index.js'),
  mockoon: path.join(PEERS_DIR, 'node_modules/@mockoon/cli/bin/run.js'),
} as const;

/** The pinned version of a peer, read from its installed package.json. */
export function peerVersion(packageName: string): string {
  const file = path.join(PEERS_DIR, 'node_modules', packageName, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Installs the pinned peers unless this lockfile's install is already there. */
export function ensurePeersInstalled(log: (line: string) => void): void {
  const hash = createHash('sha256').update(readFileSync(LOCKFILE)).digest('hex');
  const installed = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
  if (installed && Object.values(PEER_BINS).every((bin) => existsSync(bin))) return;
  log(`bench:peers: npm ci --prefix ${path.relative(process.cwd(), PEERS_DIR)} (pinned Prism and Mockoon)`);
  const result = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci of the peers failed (exit ${result.status})`);
  writeFileSync(STAMP, hash);
}
