import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const MARKER = '<!-- packed-install example';

/** The README's startMock example: the first js block after the marker (README.md once pasted there). */
function readmeExample(): { source: string; code: string } {
  for (const file of ['README.md']) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const at = text.indexOf(MARKER);
    if (at === -1) continue;
    const block = /```js\n([\s\S]*?)```/.exec(text.slice(at));
    if (block) return { source: file, code: block[1] as string };
  }
  throw new Error(`no js block after "${MARKER}" in README.md`);
}

/**
 * What `npm run build` emits for one source file: its JavaScript and declarations. The map files
 * are left out (the example never reads them), and so is anything whose source is gone, so a
 * stale file left in dist/ by an earlier layout never reaches the tarball.
 */
function isBuiltFromCurrentSource(file: string): boolean {
  const source = /^(.*)\.(?:js|d\.ts)$/.exec(relative(join(ROOT, 'dist'), file))?.[1];
  if (source !== undefined) return existsSync(join(ROOT, `${source}.ts`));
  return statSync(file).isDirectory() || !file.endsWith('.map');
}

/**
 * Stages the package as `npm run build` leaves it, from the dist/ the test run's global set-up
 * built from the current sources (test/support/build-once.ts, the same tsconfig.build.json), and
 * packs it. A second full compile here cost about 15 s and proved nothing the first does not.
 */
async function packInto(dir: string): Promise<string> {
  const stage = join(dir, 'stage');
  mkdirSync(stage);
  for (const name of ['package.json', 'README.md']) cpSync(join(ROOT, name), join(stage, name));
  cpSync(join(ROOT, 'contracts'), join(stage, 'contracts'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(stage, 'dist'), { recursive: true, filter: isBuiltFromCurrentSource });
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], {
    cwd: stage,
    timeout: 60_000,
  });
  return join(dir, stdout.trim().split('\n').pop() as string);
}

/**
 * Installs the tarball into a fresh project. Offline, npm needs every dependency in its cache;
 * when it is not there (as on the machines this kit is built on) the tarball is unpacked into
 * node_modules as npm would, and its dependencies are linked to the repository's.
 */
async function installInto(project: string, tarball: string): Promise<'npm' | 'unpacked, dependencies linked'> {
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner', private: true, type: 'module' }));
  try {
    await run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: project,
      timeout: 120_000,
    });
    return 'npm';
  } catch {
    const target = join(project, 'node_modules/agentos-contacts-kit');
    mkdirSync(target, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeout: 60_000 });
    symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
    return 'unpacked, dependencies linked';
  }
}

describe('the README example, from a packed install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packed-install-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a fresh project imports agentos-contacts-kit/testing and runs the example with node --test', async () => {
    const example = readmeExample();
    const tarball = await packInto(dir);
    const project = join(dir, 'project');
    mkdirSync(project);
    const how = await installInto(project, tarball);
    const installed = join(project, 'node_modules/agentos-contacts-kit');
    // The export map points at files the tarball holds, types included.
    expect(existsSync(join(installed, 'dist/tools/testing/index.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist/tools/testing/index.d.ts'))).toBe(true);
    writeFileSync(join(project, 'import.test.js'), example.code);
    const result = await run(process.execPath, ['--test', 'import.test.js'], { cwd: project, timeout: 60_000 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(
          `node --test failed (install: ${how}, example from ${example.source}):\n${error.stdout}\n${error.stderr}`,
        );
      },
    );
    expect(result.stdout).toMatch(/# pass 2\b/);
    expect(result.stdout).toMatch(/# fail 0\b/);
    // TypeScript users get the export's types: the same example type-checks as strict TS.
    writeFileSync(join(project, 'import.test.ts'), example.code);
    const tsc = [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      ...['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext'],
      ...['--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types')],
      'import.test.ts',
    ];
    await run(process.execPath, tsc, { cwd: project, timeout: 120_000 }).catch((error: { stdout?: string }) => {
      throw new Error(`the example does not type-check against the packed types:\n${error.stdout}`);
    });
  }, 400_000);
});
