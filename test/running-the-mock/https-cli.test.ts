import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exitOf, runCli, spawnCli } from '../support/cli-process.js';
import { refusedStart } from '../support/refused-start.js';

const folder = mkdtempSync(join(tmpdir(), 'tls-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let child: ChildProcess | undefined;
afterEach(() => {
  // Only if a test failed before its own SIGTERM: never leave the server running.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

interface Started {
  readonly url: string;
  readonly certPath: string | undefined;
}

/** The URL (and the certificate path, when printed) from a quiet start's stdout. */
function started(process: ChildProcess): Promise<Started> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    process.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (https?:\/\/\S+)\s*$/m.exec(stdout)?.[1];
      if (url) resolve({ url, certPath: /certificate: (\S+)\s*$/m.exec(stdout)?.[1] });
    });
    process.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before listening: ${stderr}`)));
  });
}

/** GET over HTTPS, trusting only `ca` (or nothing but Node's roots when it is undefined). */
function httpsGet(url: string, ca: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { ca, headers: { api_key: 'tls-test' } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

async function expectServes(url: string, ca: string): Promise<void> {
  const health = await httpsGet(`${url}/healthz`, ca);
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
  const tenants = await httpsGet(`${url}/v4/contacts/demo/tenants/0/2`, ca);
  expect(tenants.status).toBe(200);
  expect(JSON.parse(tenants.body)).toMatchObject({ Data: [{}, {}] });
}

describe('--tls self-signed', () => {
  it('makes a certificate, prints its PEM path, and serves HTTPS a client trusting that PEM accepts', async () => {
    child = spawnCli(['--tls', 'self-signed', '--port', '0', '--quiet']);
    const { url, certPath } = await started(child);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(certPath, 'the certificate line').toBeDefined();
    const pem = readFileSync(certPath as string, 'utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).not.toMatch(/PRIVATE KEY/);

    await expectServes(url, pem);
    // The certificate names localhost as well as 127.0.0.1.
    await expectServes(url.replace('127.0.0.1', 'localhost'), pem);
    // Without trusting it, a client refuses the connection: the printed PEM is what makes it work.
    await expect(httpsGet(`${url}/healthz`, undefined)).rejects.toThrow(/self[- ]signed/i);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });

  it('takes its settings from MOCK_TLS and MOCK_TLS_DIR, writing cert.pem there', async () => {
    const directory = join(folder, 'from-env');
    child = spawnCli(['--port', '0', '--quiet'], { MOCK_TLS: 'self-signed', MOCK_TLS_DIR: directory });
    const { url, certPath } = await started(child);
    expect(certPath).toBe(join(directory, 'cert.pem'));
    await expectServes(url, readFileSync(join(directory, 'cert.pem'), 'utf8'));
    child.kill('SIGINT');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});

describe('--tls-cert and --tls-key', () => {
  it('serve HTTPS with the given certificate', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    writeFileSync(join(folder, 'given-cert.pem'), pems.cert);
    writeFileSync(join(folder, 'given-key.pem'), pems.private);
    child = spawnCli([
      '--tls-cert',
      join(folder, 'given-cert.pem'),
      '--tls-key',
      join(folder, 'given-key.pem'),
      '--port',
      '0',
      '--quiet',
    ]);
    const { url, certPath } = await started(child);
    expect(url).toMatch(/^https:\/\//);
    // Only a certificate made at start-up is announced: this one the user already has.
    expect(certPath).toBeUndefined();
    await expectServes(url, pems.cert);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});

describe('an unusable TLS setting stops start-up with one line naming the flag', () => {
  const missing = join(tmpdir(), 'no-such-folder-for-tls-test', 'x.pem');
  const notPem = join(folder, 'not-a-pem.txt');
  const otherKey = join(folder, 'other-key.pem');
  // The first case starts a process; the rest run the same start-up in-process (refusedStart).
  const cases: { name: string; args: () => string[]; env?: Record<string, string>; flag: string; spawn?: true }[] = [
    { name: '--tls-cert without --tls-key', args: () => ['--tls-cert', notPem], flag: '--tls-key', spawn: true },
    { name: '--tls-key without --tls-cert', args: () => ['--tls-key', notPem], flag: '--tls-cert' },
    { name: 'an unreadable certificate', args: () => ['--tls-cert', missing, '--tls-key', notPem], flag: '--tls-cert' },
    {
      name: 'a certificate file that is not PEM',
      args: () => ['--tls-cert', notPem, '--tls-key', otherKey],
      flag: '--tls-cert',
    },
    {
      name: 'a key that does not match the certificate',
      args: () => ['--tls-cert', join(folder, 'given-cert.pem'), '--tls-key', otherKey],
      flag: '--tls-key',
    },
    {
      name: '--tls self-signed with a certificate too',
      args: () => ['--tls', 'self-signed', '--tls-cert', notPem],
      flag: '--tls-cert',
    },
    { name: '--tls-dir without self-signed', args: () => ['--tls-dir', folder], flag: '--tls-dir' },
    { name: 'MOCK_TLS=maybe', args: () => [], env: { MOCK_TLS: 'maybe' }, flag: '--tls' },
  ];

  it.each(cases)('$name', async ({ args, env, flag, spawn }) => {
    writeFileSync(notPem, 'not a certificate\n');
    if (!existsSync(join(folder, 'given-cert.pem'))) {
      const given = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec' });
      writeFileSync(join(folder, 'given-cert.pem'), given.cert);
    }
    const other = await generate([{ name: 'commonName', value: 'other' }], { keyType: 'ec' });
    writeFileSync(otherKey, other.private);

    const run = await (spawn ? runCli : refusedStart)([...args(), '--port', '0', '--quiet'], env);
    expect(run.code, run.stderr).not.toBe(0);
    expect(run.code, run.stderr).not.toBeNull();
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toContain(flag);
    expect(run.stdout).toBe('');
  });
});
