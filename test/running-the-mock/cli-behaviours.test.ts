import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { exitOf, runCli, spawnCli, waitForLine } from '../support/cli-process.js';
import { expectOneLineNaming, refusedStart } from '../support/refused-start.js';
import { contractViolations } from '../support/contract-validator.js';
import { controlViolations } from '../support/control-contract.js';

const PATH = '/v4/contacts/demo/tenants/0/1';

/** Runs `body` against a CLI started with `args`; the process is always stopped, by SIGKILL if the test failed. */
async function withCli(
  args: readonly string[],
  env: Record<string, string>,
  body: (url: string) => Promise<void>,
): Promise<void> {
  const child = spawnCli(['--port', '0', '--quiet', ...args], env);
  try {
    const [, url] = (await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/)) as RegExpMatchArray;
    await body(url as string);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function v4(url: string, key = 'k') {
  const response = await request(url).get(PATH).set('api_key', key);
  const checked = { method: 'get', path: PATH, status: response.status, body: response.body as unknown };
  expect(contractViolations({ ...checked, contentType: response.headers['content-type'] })).toEqual([]);
  return response;
}

async function clock(url: string): Promise<{ now: string; start: string; frozen: boolean }> {
  const response = await request(url).get('/__mock/clock');
  const checked = { method: 'get', path: '/__mock/clock', status: response.status, body: response.body as unknown };
  expect(controlViolations({ ...checked, contentType: response.headers['content-type'] })).toEqual([]);
  return response.body as { now: string; start: string; frozen: boolean };
}

// Each spawn costs a process start, so each process checks several flags at once.
describe.concurrent('the CLI starts with behaviour flags', () => {
  it('--rate-limit 5/2s --clock-frozen, MOCK_BLOCK_AFTER=1, MOCK_BLOCK_FOR=10m: 5 answers, a 429, then 403', async () => {
    await withCli(
      ['--rate-limit', '5/2s', '--clock-frozen'],
      { MOCK_BLOCK_AFTER: '1', MOCK_BLOCK_FOR: '10m', MOCK_RETRY_AFTER: 'send' },
      async (url) => {
        const statuses: number[] = [];
        for (let index = 0; index < 5; index++) statuses.push((await v4(url)).status);
        expect(statuses).toEqual([200, 200, 200, 200, 200]);
        const refused = await v4(url);
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBe('2');
        const blocked = await v4(url);
        expect(blocked.status).toBe(403);
        expect(blocked.headers['retry-after']).toBe('600');
        await request(url).post('/__mock/clock').send({ advance: 'PT2S' }).expect(200);
        expect((await v4(url)).status).toBe(403);
        expect((await v4(url, 'another-key')).status).toBe(200);
        await request(url).post('/__mock/clock').send({ advance: 'PT10M' }).expect(200);
        expect((await v4(url)).status).toBe(200);
      },
    );
  });

  it('--latency 100-400ms --clock real: requests take at least 100 ms; the clock starts at the wall clock', async () => {
    const before = Date.now();
    await withCli(['--latency', '100-400ms', '--clock', 'real'], {}, async (url) => {
      const { start, now, frozen } = await clock(url);
      expect(frozen).toBe(false);
      expect(Date.parse(start)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(start)).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(Date.parse(now)).toBeGreaterThanOrEqual(Date.parse(start));
      for (let index = 0; index < 2; index++) {
        const started = performance.now();
        expect((await v4(url)).status).toBe(200);
        expect(performance.now() - started).toBeGreaterThanOrEqual(95);
      }
    });
  });

  it('--profile agentos --clock-frozen: 55 requests at once give 50 answers and 5 refusals', async () => {
    await withCli(['--profile', 'agentos', '--clock-frozen'], {}, async (url) => {
      const statuses = await Promise.all(Array.from({ length: 55 }, async () => (await v4(url)).status));
      expect(statuses.filter((status) => status === 200)).toHaveLength(50);
      expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    });
  });
});

// The first case starts a process; the others run the same start-up in-process (refusedStart),
// one at a time, as they borrow this process's stdout, stderr and exit.
describe('the CLI refuses bad behaviour settings with one line naming the flag', () => {
  it.each<{ name: string; args: string[]; env?: Record<string, string>; names: string[]; spawn?: true }>([
    { name: '--rate-limit 5', args: ['--rate-limit', '5'], names: ['--rate-limit'], spawn: true },
    { name: '--latency fast', args: ['--latency', 'fast'], names: ['--latency'] },
    { name: '--clock yesterday', args: ['--clock', 'yesterday'], names: ['--clock'] },
    { name: '--error-rate 2', args: ['--error-rate', '2'], names: ['--error-rate'] },
  ])('$name', async ({ args, env, names, spawn }) => {
    const run = await (spawn ? runCli : refusedStart)(args, env);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expectOneLineNaming(run, names);
  });
});
