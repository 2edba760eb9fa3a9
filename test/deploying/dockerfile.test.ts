import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCK_NODE_FLAGS } from '../../mock-server/cli/heap-bounds.js';
import { REPO_ROOT } from '../support/cli-process.js';

// Building and running the image is .ci/run's docker-smoke step; these are the rules it cannot see.
const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
const finalStage = instructions.slice(instructions.findLastIndex((line) => /^FROM\s/i.test(line)));

/** Node.js lines in Active or Maintenance LTS. */
const SUPPORTED_LTS = [22, 24];

describe('the Dockerfile', () => {
  it('builds in stages on a supported Node.js LTS bookworm-slim base', () => {
    const bases = instructions.filter((line) => /^FROM\s/i.test(line)).map((line) => line.split(/\s+/)[1]);
    expect(bases.length).toBeGreaterThan(1);
    for (const base of bases) {
      const major = /^node:(\d+)-bookworm-slim$/.exec(base ?? '')?.[1];
      expect(SUPPORTED_LTS, `${base}`).toContain(Number(major));
    }
  });

  it('runs node itself as an unprivileged user, exposes 4010 and checks its health without extra packages', () => {
    expect(finalStage).toContain('USER node');
    expect(finalStage).toContain('EXPOSE 4010');
    expect(finalStage.find((line) => line.startsWith('HEALTHCHECK'))).toMatch(/CMD \["node", /);
    // node as PID 1 receives SIGTERM itself; npm or a shell in between would swallow it.
    // With the node flags the mock ships with (heap-bounds.ts).
    const args = ['node', ...MOCK_NODE_FLAGS, 'dist/mock-server/cli/main.js'].map((arg) => `"${arg}"`);
    expect(finalStage.at(-1)).toBe(`CMD [${args.join(', ')}]`);
  });

  it('ships no dev dependencies or sources in the final stage', () => {
    const copies = finalStage.filter((line) => line.startsWith('COPY')).join('\n');
    expect(copies).not.toMatch(/COPY \. /);
    expect(copies).toContain('--from=deps');
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('holds only what the mock needs: its compiled code and data model, not the client or the tools', () => {
    const built = finalStage.filter((line) => line.includes('--from=build')).map((line) => line.split(/\s+/)[2]);
    expect(built.sort()).toEqual(['/app/dist/fixtures', '/app/dist/mock-server']);
  });
});
