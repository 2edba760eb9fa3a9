import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { exitOf, spawnCli, waitForLine } from '../support/cli-process.js';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

async function start(args: readonly string[]): Promise<string> {
  child = spawnCli(['--port', '0', '--quiet', ...args]);
  const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/);
  return url as string;
}

async function status(url: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  return response.status;
}

// Findings 1 and 2 as the issue ran them: the process exited (1) or hung for good, deaf to SIGTERM.
describe.each([
  { advance: 'P99999999D', churn: '0' },
  { advance: 'PT999999999999999999999H', churn: '0.1' },
])('POST /__mock/clock {"advance":"$advance"} with --consent-churn $churn', ({ advance, churn }) => {
  it('is refused, the next /v4 request is answered, and SIGTERM still stops the process', async () => {
    const url = await start(['--consent-churn', churn, '--clock-frozen']);
    const advanced = await status(`${url}/__mock/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance }),
    });
    expect(advanced).toBe(400);
    expect(await status(`${url}/v4/contacts/demo/tenants/0/1`, { headers: { api_key: 'k' } })).toBe(200);
    expect(await status(`${url}/healthz`)).toBe(200);
    const running = child as ChildProcess;
    running.kill('SIGTERM');
    expect(await exitOf(running)).toEqual({ code: 0, signal: null });
  }, 30_000);
});
