import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockTarget, TEST_KEY, type MockTarget } from '../using-the-client/mock-target.js';
import { tempDb, type TempDb } from './sync-fixture.js';

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the built `agentos-contacts sync`; `onLine` sees each stderr line (and may kill it). */
function cli(args: string[], env: Record<string, string>, onLine?: (line: string, kill: () => void) => void) {
  return new Promise<Exit>((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/tools/cli.js', 'sync', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      for (const line of chunk.split('\n')) onLine?.(line, () => child.kill('SIGINT'));
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('agentos-contacts sync (the bin)', () => {
  let target: MockTarget;
  let db: TempDb;
  beforeAll(async () => {
    target = await startMockTarget({
      counts: { tenants: 90, landlords: 30, lettingsApplicants: 30, salesApplicants: 20, vendors: 10 },
      branches: 2,
    });
    db = tempDb();
  });
  afterAll(async () => {
    await target.close();
    db.remove();
  });

  it('stops cleanly on Ctrl-C, says how to resume, and the next run resumes and finishes', async () => {
    const env = { AGENTOS_BASE_URL: target.baseUrl, AGENTOS_API_KEY: TEST_KEY, AGENTOS_SHORTNAME: 'demo' };
    const args = ['--db', db.path, '--page-size', '10', '--rate-limit', '4/1s'];
    let killed = false;
    const first = await cli(args, env, (line, kill) => {
      if (!killed && line.startsWith('[3/')) {
        killed = true;
        kill();
      }
    });
    expect(first.stderr).toContain('starting sync run 1');
    expect(first.stderr).toContain('is consistent; run the same command again to resume');
    expect(first.code).toBe(130);
    expect(first.stderr).not.toContain(TEST_KEY);

    const second = await cli([...args, '--rate-limit', '1000/1s'], env);
    expect(second.stderr).toContain('resuming sync run 1');
    expect(second.stderr).toMatch(/sync run 1 done: \d+ changed/);
    expect(second.code).toBe(0);
    const store = db.open();
    expect(store.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 180 });
    store.close();
  });

  it('fails with a clear message, without the key, when the key is refused', async () => {
    const refusing = await startMockTarget({ apiKeys: ['the-right-key'] });
    const other = tempDb();
    try {
      const result = await cli(['--db', other.path], {
        AGENTOS_BASE_URL: refusing.baseUrl,
        AGENTOS_API_KEY: 'wrong-key-12345',
        AGENTOS_SHORTNAME: 'demo',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/error: GET \/v4\/contacts\/demo\/company\/branches\/0\/1000: 401 /);
      expect(result.stderr).not.toContain('wrong-key-12345');
    } finally {
      await refusing.close();
      other.remove();
    }
  });
});
