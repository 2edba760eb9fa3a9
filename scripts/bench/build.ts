import { spawnSync } from 'node:child_process';
import { ROOT } from './mock.js';

/** The mock runs as compiled JS, as users run it, so dist/ is rebuilt first. */
export function build(log: (line: string) => void): void {
  log('bench: npm run build');
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}
