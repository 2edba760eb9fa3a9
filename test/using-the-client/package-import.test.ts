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
