import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli-process.js';

const SOURCES = ['mock-server', 'fixtures', 'src', 'tools'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest change under the build's inputs; folders count too, as a `git mv` keeps a file's time. */
function newestInput(): number {
  let newest = Math.max(...SETTINGS.map((name) => statSync(join(REPO_ROOT, name)).mtimeMs));
  const walk = (dir: string): void => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of SOURCES) walk(join(REPO_ROOT, folder));
  return newest;
}

/**
 * Vitest's global set-up: builds dist/ once (incrementally), so tests that start the CLI as a
 * process run the compiled JavaScript, as a partner's install does, instead of paying tsx's
 * on-the-fly compile in every spawn. The build record is kept per checkout: node_modules may be
 * shared by several worktrees, and one record for all of them made every run a full rebuild.
 * When nothing changed since the last build, even the no-op compile (about 4 s) is skipped.
 */
export default function buildOnce(): void {
  const checkout = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12);
  const record = join(REPO_ROOT, `node_modules/.cache/test-build-${checkout}.tsbuildinfo`);
  const built = join(REPO_ROOT, 'dist/tools/cli.js');
  if (existsSync(record) && existsSync(built) && statSync(record).mtimeMs > newestInput()) return;
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(REPO_ROOT, 'tsconfig.build.json'),
      '--incremental',
      '--tsBuildInfoFile',
      record,
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  // A compile with nothing to emit leaves the record's time alone; mark it as checked now.
  const now = new Date();
  utimesSync(record, now, now);
}
