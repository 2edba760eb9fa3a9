import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

// A project that installs the package imports it by name; inside the package, Node resolves the
// same name through package.json "exports" (self-reference), so this checks the real mapping.
describe('the package root export', () => {
  it('`import { createContactsClient } from "agentos-contacts-kit"` works after a build', async () => {
    const script = `
      import { createContactsClient, isHttpError, hasMarketingConsent, RateLimitError } from 'agentos-contacts-kit';
      const client = createContactsClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', shortName: 'demo' });
      console.log(JSON.stringify({
        tenants: typeof client.tenants.all, people: typeof client.people.contacts,
        guards: [typeof isHttpError, typeof hasMarketingConsent, typeof RateLimitError],
      }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: ROOT,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      tenants: 'function',
      people: 'function',
      guards: ['function', 'function', 'function'],
    });
    // The bin runs from the full build (the tools sit on top of the client and the mock), which
    // the test run's global set-up made from the current sources (test/support/build-once.ts).
    const help = await run(process.execPath, [join(ROOT, 'dist/tools/cli.js'), 'sync', '--help'], { cwd: ROOT });
    expect(help.stdout).toContain('--db <path>');
  }, 60_000);
});

// Start-up time counts (the first answer must come within a second): a mock with the memory store
// does not load the Redis client, which only `--state-store redis://...` needs.
describe('the mock library', () => {
  it('loads no Redis client when its state lives in memory', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import { createMockServer } from 'agentos-contacts-kit/mock';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).some((file) => file.includes('/node_modules/ioredis/'));
      const mock = await createMockServer({ quiet: true });
      const withMemory = loaded();
      await mock.close();
      require('ioredis');
      console.log(JSON.stringify({ withMemory, afterRequire: loaded() }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: ROOT,
      timeout: 30_000,
    });
    // The second figure proves the check sees a loaded client.
    expect(JSON.parse(stdout)).toEqual({ withMemory: false, afterRequire: true });
  }, 60_000);
});
