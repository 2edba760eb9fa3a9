import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { drift, providerForSuite, startProvider, tempDir, type JsonReport } from './support/drift-fixture.js';

describe('agentos-contacts drift: the budget and unusable input', () => {
  const suite = providerForSuite();

  it('stops at --max-requests, names every probe it did not send, and exits 3', async () => {
    const run = await drift([
      '--base-url',
      suite.provider.baseUrl,
      '--rate-limit',
      '100/1s',
      '--max-requests',
      '5',
      '--json',
      suite.dir.file('capped.json'),
    ]);
    const report = JSON.parse(suite.dir.read('capped.json')) as JsonReport;
    expect(report.details.budget.requestsSent).toBe(5);
    expect((await suite.provider.journal()).length).toBeLessThanOrEqual(5);
    const stopped = report.checks.filter((check) => check.status === 'stopped');
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((check) => /--max-requests 5 reached|no answer so far/.test(check.detail ?? ''))).toBe(true);
    expect(report.outcome).toBe('incomplete');
    expect(run.stdout).toContain('not sent: --max-requests 5 reached');
    expect(run.code).toBe(3);
  });

  it('keeps to --rate-limit: never more requests in a window than it allows', async () => {
    const limited = await startProvider();
    try {
      const started = Date.now();
      const run = await drift(['--base-url', limited.baseUrl, '--rate-limit', '10/1s', '--max-requests', '25']);
      expect(run.code).toBe(3);
      const times = (await limited.journal()).map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
      expect(times.length).toBe(25);
      // The mock's journal times come from its simulated clock, which runs with real time.
      for (let index = 10; index < times.length; index++) {
        expect((times[index] as number) - (times[index - 10] as number)).toBeGreaterThanOrEqual(1000);
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    } finally {
      await limited.close();
    }
  });

  it('exits 2 on unusable input, naming what is wrong, without a key in any message', async () => {
    const noKey = await drift(['--base-url', suite.provider.baseUrl], { AGENTOS_API_KEY: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--api-key / AGENTOS_API_KEY');
    const badRate = await drift(['--base-url', suite.provider.baseUrl, '--rate-limit', 'fast']);
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('requests/window');
    const badUrl = await drift(['--base-url', 'not a url']);
    expect(badUrl.code).toBe(2);
    const refused = await drift(['--base-url', suite.provider.baseUrl, '--api-key', 'wrong-key-5ecret']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refused the API key (401)');
    expect(refused.stderr + refused.stdout).not.toContain('wrong-key-5ecret');
    const unreachable = await drift(['--base-url', 'http://127.0.0.1:9', '--max-requests', '3']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach');
    const missingContract = await drift([
      '--base-url',
      suite.provider.baseUrl,
      '--contract',
      suite.dir.file('none.yaml'),
    ]);
    expect(missingContract.code).toBe(2);
  });

  it('is registered as `agentos-contacts drift` (the bin lists it and runs it)', async () => {
    const help = await runCli(['help']);
    expect(help.stdout).toMatch(/drift\s+measure where a provider differs from the contract/);
    const run = await runCli(['drift', '--short-name', 'demo'], { AGENTOS_API_KEY: '', AGENTOS_BASE_URL: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('drift needs --base-url / AGENTOS_BASE_URL, --api-key / AGENTOS_API_KEY');
  });
});

describe('agentos-contacts drift against a mock of the default size', () => {
  it('finds a record of every type, however many IDs the earlier pages held', async () => {
    const large = await startProvider({
      counts: { tenants: 5000, landlords: 2000, lettingsApplicants: 3000, salesApplicants: 1500, vendors: 1000 },
      branches: 6,
    });
    try {
      const run = await drift(['--base-url', large.baseUrl, '--rate-limit', '100/1s']);
      expect(run.stdout).not.toContain('no answer so far gave a value');
      expect(run.code).toBe(0);
    } finally {
      await large.close();
    }
  });
});

describe('agentos-contacts drift meets a block', () => {
  it('sends nothing after a 403 block, names what it did not probe, and exits 3', async () => {
    // blockAfter 0: the first request over the limit is answered 403, as a load balancer would.
    const blocking = await startProvider({ rateLimit: { requests: 6, windowMs: 2000 }, blockAfter: 0 });
    const dir = tempDir();
    try {
      const run = await drift([
        '--base-url',
        blocking.baseUrl,
        '--rate-limit',
        '20/2s',
        '--json',
        dir.file('blocked.json'),
      ]);
      const report = JSON.parse(dir.read('blocked.json')) as JsonReport;
      expect(report.details.budget.blocked).toBe(1);
      const journal = await blocking.journal();
      expect(journal.at(-1)?.status).toBe(403);
      expect(journal.filter((entry) => entry.status === 403)).toHaveLength(1);
      expect(
        report.checks.filter((check) => check.detail === 'not sent: the provider blocked the key (403)').length,
      ).toBeGreaterThan(5);
      expect(run.code).toBe(3);
    } finally {
      await blocking.close();
      dir.remove();
    }
  });
});
