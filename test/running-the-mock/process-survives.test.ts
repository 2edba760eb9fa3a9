import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
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

// Finding 8: on SIGTERM, a connection whose first request was not parsed yet was closed as idle.
describe('SIGTERM just after 50 requests on new connections', () => {
  it('answers every one of them, then exits 0', async () => {
    const url = await start(['--latency', '200ms']);
    const port = Number(new URL(url).port);
    const sockets = Array.from({ length: 50 }, () => connect(port, '127.0.0.1'));
    const answers = sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          let received = '';
          socket.on('data', (chunk) => (received += chunk.toString('latin1')));
          socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
          socket.on('error', () => undefined);
        }),
    );
    // Each request is sent as its connection opens; SIGTERM follows as soon as all are open.
    for (const socket of sockets)
      socket.write('GET /v4/contacts/demo/tenants/0/1 HTTP/1.1\r\nHost: x\r\napi_key: k\r\n\r\n');
    await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
    const running = child as ChildProcess;
    running.kill('SIGTERM');
    const statusLines = await Promise.all(answers);
    expect(statusLines.filter((line) => line === 'HTTP/1.1 200 OK')).toHaveLength(50);
    expect(await exitOf(running)).toEqual({ code: 0, signal: null });
  }, 30_000);
});
