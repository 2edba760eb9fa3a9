import { execFileSync } from 'node:child_process';

/** Where `name` is on PATH (Debian puts nginx in /usr/sbin), or undefined. */
function locate(name: string): string | undefined {
  for (const candidate of [name, `/usr/sbin/${name}`, `/usr/bin/${name}`]) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore', timeout: 5000 });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return candidate;
    }
  }
  return undefined;
}

/**
 * A system binary the cluster tests need (redis-server, nginx), installed with apt-get when it is
 * missing and this process may install. Undefined only when it is absent and cannot be installed:
 * the caller then skips, saying so loudly; in CI (`CI` set) that is a failure, never a skip.
 */
export function systemBinary(name: string, debianPackage: string): string | undefined {
  const found = locate(name);
  if (found) return found;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
        stdio: 'ignore',
        timeout: 300_000,
      });
    } catch {
      // fall through: reported below
    }
  }
  const installed = locate(name);
  if (!installed && process.env.CI) {
    throw new Error(`${name} is not installed and could not be installed. Run: apt-get install -y ${debianPackage}`);
  }
  if (!installed) {
    console.warn(
      `\n*** SKIPPED: ${name} is not installed and could not be installed. Run: apt-get install -y ${debianPackage} ***\n`,
    );
  }
  return installed;
}
