import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { HEAP_GROWING_PERCENT, heapFlags, MOCK_NODE_FLAGS } from '../../mock-server/cli/heap-bounds.js';
import { REPO_ROOT } from '../support/cli-process.js';

describe('the node flags the mock ships with', () => {
  const shebang = `#!/usr/bin/env -S node ${MOCK_NODE_FLAGS.join(' ')}`;

  it('are in both entry points (the bins and the image run them), built too', () => {
    for (const file of [
      'tools/cli.ts',
      'mock-server/cli/main.ts',
      'dist/tools/cli.js',
      'dist/mock-server/cli/main.js',
    ]) {
      expect(readFileSync(join(REPO_ROOT, file), 'utf8').split('\n')[0], file).toBe(shebang);
    }
  });

  it('are in npm start', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe(`node ${MOCK_NODE_FLAGS.join(' ')} dist/tools/cli.js`);
  });

  it('leave the CLI only the old-space bound and the one-thread scavenge to add', () => {
    expect(heapFlags([...MOCK_NODE_FLAGS], '')).toEqual([
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
      '--no-parallel-scavenge',
    ]);
  });
});

describe('the heap bounds the CLI sets', () => {
  it('keeps the young generation at its start size and bounds old-space growth by default', () => {
    expect(heapFlags([], '')).toEqual([
      '--semi-space-growth-factor=1',
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
      '--no-parallel-scavenge',
    ]);
  });

  it("leaves each limit to the user when node's flags or NODE_OPTIONS set it", () => {
    expect(heapFlags(['--max-semi-space-size=8', '--parallel-scavenge'], '')).toEqual([
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    ]);
    expect(heapFlags([], '--max_semi_space_size=4 --heap-growing-percent=50 --parallel_scavenge')).toEqual([]);
    expect(heapFlags(['--max-heap-size=256'], '')).not.toContain('--semi-space-growth-factor=1');
  });

  // Set at run time, not at heap creation: this proves V8 still honours it (a Node upgrade may not).
  it('really keeps the new space at 2 MB under start-up-like allocation, where it otherwise grows', () => {
    const newSpaceMb = (bound: boolean): number => {
      const script = [
        "import v8 from 'node:v8';",
        `if (${bound}) (await import(${JSON.stringify(join(REPO_ROOT, 'dist/mock-server/cli/heap-bounds.js'))})).boundHeap();`,
        // Objects that survive, as a contract and libraries loading do.
        'const kept = []; for (let i = 0; i < 400_000; i++) kept.push({ i, text: `x${i}` });',
        "const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');",
        'process.stdout.write(String(space.space_size / 1048576));',
      ].join('\n');
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8',
      });
      return Number(output);
    };
    expect(newSpaceMb(true)).toBeLessThanOrEqual(2);
    expect(newSpaceMb(false)).toBeGreaterThan(2);
  });

  // Also set at run time: the scavenges that follow run on the main thread alone.
  it('really scavenges on one thread once set, where V8 would use helper threads', () => {
    const helperMs = (bound: boolean): number[] => {
      const script = [
        `if (${bound}) (await import(${JSON.stringify(join(REPO_ROOT, 'dist/mock-server/cli/heap-bounds.js'))})).boundHeap();`,
        // Enough young garbage, with some of it surviving, for a few dozen scavenges.
        'const kept = []; for (let i = 0; i < 2_000_000; i++) { const o = { i, text: `x${i}` }; if (i % 50 === 0) kept.push(o); }',
      ].join('\n');
      const output = execFileSync(
        process.execPath,
        ['--max-semi-space-size=4', '--trace-gc-nvp', '--input-type=module', '-e', script],
        { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8' },
      );
      return [...output.matchAll(/gc=s .*?background\.scavenge\.parallel=([\d.]+)/g)].map((match) => Number(match[1]));
    };
    const bound = helperMs(true);
    expect(bound.length).toBeGreaterThan(5);
    expect(bound.every((ms) => ms === 0)).toBe(true);
    // On a machine with more than one core V8 uses helpers when not told otherwise: the check above can fail.
    if (os.availableParallelism() > 1) expect(helperMs(false).some((ms) => ms > 0)).toBe(true);
  });
});
