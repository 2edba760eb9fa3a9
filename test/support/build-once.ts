import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './cli-process.js';

/**
 * Vitest's global set-up: builds dist/ once (incrementally), so tests that start the CLI as a
 * process run the compiled JavaScript, as a partner's install does, instead of paying tsx's
 * on-the-fly compile in every spawn.
 */
export default function buildOnce(): void {
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(REPO_ROOT, 'tsconfig.build.json'),
      '--incremental',
      '--tsBuildInfoFile',
      join(REPO_ROOT, 'node_modules/.cache/test-build.tsbuildinfo'),
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
}
