import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { exitOf, spawnCli } from '../support/cli-process.js';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** The URL and, under self-signed TLS, the certificate's PEM from a quiet start. */
function started(process: ChildProcess): Promise<{ url: string; ca?: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (https?:\/\/\S+)\s*$/m.exec(stdout)?.[1];
      const certificate = /certificate: (\S+)\s*$/m.exec(stdout)?.[1];
      if (url) resolve({ url, ...(certificate ? { ca: readFileSync(certificate, 'utf8') } : {}) });
    });
    process.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before listening`)));
  });
}

/** A GET on a keep-alive connection, as a partner's HTTP client would make it. */
function get(url: string, ca: string | undefined): Promise<number> {
  const secure = url.startsWith('https:');
  const agent = secure ? new HttpsAgent({ keepAlive: true, ca }) : new HttpAgent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    const call = (secure ? httpsRequest : httpRequest)(url, { agent, headers: { api_key: 'k' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    call.on('error', reject);
    call.end();
  });
}

// What `docker stop` (SIGTERM) and Ctrl-C (SIGINT) do to node as PID 1 in the image.
describe.each([
  { signal: 'SIGTERM' as const, tls: [] },
  { signal: 'SIGINT' as const, tls: ['--tls', 'self-signed'] },
])('$signal with $tls', ({ signal, tls }) => {
  it('finishes the request in flight, refuses new ones, and exits 0 well within 10 s', async () => {
    child = spawnCli([...tls, '--port', '0', '--quiet', '--latency', '800ms']);
    const { url, ca } = await started(child);
    const inFlight = get(`${url}/v4/contacts/demo/tenants/0/3`, ca);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = Date.now();
    child.kill(signal);
    const exit = exitOf(child);

    expect(await inFlight).toBe(200);
    await expect(get(`${url}/healthz`, ca)).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopped).toBeLessThan(5_000);
  });
});
