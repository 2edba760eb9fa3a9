import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { exitOf, spawnCli, waitForLine } from '../support/cli-process.js';
import { contractViolations } from '../support/contract-validator.js';

let child: ChildProcess | undefined;
afterEach(() => {
  // Only if a test failed before its own SIGTERM: never leave the server running.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

describe('the CLI serves and stops cleanly', () => {
  it('--port 0 --quiet prints its URL, serves /healthz and the API, and exits 0 on SIGTERM', async () => {
    child = spawnCli(['--port', '0', '--quiet'], { MOCK_SEED: '7', MOCK_WITHHELD: 'omit' });
    const [, url] = (await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/)) as RegExpMatchArray;
    const health = await request(url as string).get('/healthz');
    expect(health.status).toBe(200);
    // The environment twins took effect.
    expect(health.body).toMatchObject({ status: 'ok', seed: 7, withheld: 'omit' });
    const path = '/v4/contacts/demo/tenants/0/1';
    const tenants = await request(url as string)
      .get(path)
      .set('api_key', 'k');
    expect(tenants.status).toBe(200);
    const checked = { method: 'get', path, status: tenants.status, body: tenants.body as unknown };
    expect(contractViolations({ ...checked, contentType: tenants.headers['content-type'] })).toEqual([]);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});

describe('PORT, as platforms inject it', () => {
  it('is honoured when neither --port nor MOCK_PORT is given, and MOCK_PORT wins over it', async () => {
    // A free port: ask the OS for one, then release it for the CLI.
    const { createServer } = await import('node:net');
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    child = spawnCli(['--quiet'], { PORT: String(free) });
    const [, port] = (await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)\s*$/)) as RegExpMatchArray;
    expect(Number(port)).toBe(free);
    child.kill('SIGTERM');
    await exitOf(child);
    child = spawnCli(['--quiet'], { PORT: String(free), MOCK_PORT: '0' });
    const [, other] = (await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)\s*$/)) as RegExpMatchArray;
    expect(Number(other)).not.toBe(free);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});

describe("errors of Node's HTTP layer follow --errors", () => {
  it('oversize headers get a 431 with {"Message"} by default', async () => {
    child = spawnCli(['--port', '0', '--quiet']);
    const [, port] = (await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)\s*$/)) as RegExpMatchArray;
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.once('close', () => resolve(text));
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/Content-Type: application\/json/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      Message:
        'The request line and headers are larger than the 16 KB the server reads; send fewer or shorter headers.',
    });
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});
