import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { fieldOfType } from '../support/custom-field-catalogue.js';
import { runCli } from '../support/cli-process.js';
import { call } from '../support/http-json.js';
import { freePort } from '../../scripts/support/loopback-ports.js';
import { RedisProcess } from '../support/redis-process.js';
import { startReplica, startReplicas, stopReplicas, type Replica } from '../support/replicas.js';
import { systemBinary } from '../support/system-binary.js';

const REDIS = systemBinary('redis-server', 'redis-server');

/** Polls `check` every 100 ms until it holds, for at most `timeoutMs`; the last result either way. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await delay(100);
  }
  return check();
}

interface Problem {
  readonly status: number;
  readonly detail: string;
}

describe.skipIf(!REDIS)('when Redis is unreachable', () => {
  let redis: RedisProcess;
  let replicas: Replica[];

  beforeAll(async () => {
    redis = await RedisProcess.start(REDIS as string);
    replicas = await startReplicas(2, ['--store', redis.url, '--rate-limit', '100/60s', '--errors', 'problem']);
  }, 60_000);
  afterAll(async () => {
    await stopReplicas(replicas ?? []);
    await redis?.stop();
  });

  it('answers 503 naming the store, stays live, says why on stderr even with --quiet, and recovers by itself', async () => {
    const [first, second] = replicas as [Replica, Replica];
    expect((await call(`${first.url}${BASE}/tenants/0/1`, { key: 'k' })).status).toBe(200);
    const field = fieldOfType((await call(`${first.url}/__mock/customfields`)).body, 'Text');
    const value = `${BASE}/company/objects/${oid('TEN', 0)}/${field}`;
    const initial = (await call<unknown>(`${first.url}${value}/value`, { key: 'k' })).body;
    expect((await call(`${second.url}${value}/customfield`, { key: 'k', body: { Value: 'before' } })).status).toBe(200);
    expect((await call<unknown>(`${first.url}${value}/value`, { key: 'k' })).body).toBe('before');
    await redis.stop();

    const store = `redis://127.0.0.1:${redis.port}/0`;
    const refused = await call<Problem>(`${first.url}${BASE}/tenants/0/1`, { key: 'k' });
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toContain(`The state store ${store} is unreachable`);
    const write = await call<Problem>(`${second.url}${value}/customfield`, {
      key: 'k',
      body: { Value: 'x' },
    });
    expect(write.status).toBe(503);
    const control = await call<Problem>(`${second.url}/__mock/clock`);
    expect(control.status).toBe(503);
    expect(control.body.detail).toContain(store);

    const ready = await call<{ status: string; store: string; detail: string }>(`${first.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', store });
    expect(ready.body.detail).toMatch(/not connected/);
    // Liveness stays up, so an orchestrator does not restart every pod on a Redis blip.
    expect((await call(`${first.url}/healthz`)).status).toBe(200);
    expect(first.stderr()).toContain('state store unreachable');
    expect(first.child.exitCode).toBeNull();

    await redis.start();
    for (const replica of replicas) {
      expect(await eventually(async () => (await call(`${replica.url}/readyz`)).status === 200)).toBe(true);
      expect((await call(`${replica.url}${BASE}/tenants/0/1`, { key: 'k' })).status).toBe(200);
    }
    expect(first.stderr()).toContain('state store reachable again');
    // This Redis kept nothing across its restart: every replica follows it, none serves what it held.
    for (const replica of replicas) {
      expect((await call<unknown>(`${replica.url}${value}/value`, { key: 'k' })).body).toBe(initial);
    }
  }, 60_000);

  it('starts unready when Redis is down at start-up, and becomes ready once it is up', async () => {
    const later = await RedisProcess.start(REDIS as string);
    await later.stop();
    const replica = await startReplica(['--store', later.url]);
    try {
      expect((await call(`${replica.url}/readyz`)).status).toBe(503);
      expect((await call(`${replica.url}${BASE}/tenants/0/1`, { key: 'k' })).status).toBe(503);
      await later.start();
      expect(await eventually(async () => (await call(`${replica.url}/readyz`)).status === 200)).toBe(true);
      expect((await call(`${replica.url}${BASE}/tenants/0/1`, { key: 'k' })).status).toBe(200);
    } finally {
      await stopReplicas([replica]);
      await later.stop();
    }
  }, 60_000);
});

describe('--store at start-up', () => {
  it.each([
    ['redis://', 'names no host'],
    ['http://127.0.0.1:6379', '"http:" is not a store'],
    ['redis://127.0.0.1:99999', 'is not memory or a redis://'],
    ['redis://127.0.0.1:6379/x', 'database "x" is not a number'],
    ['redis:/nohost', 'names no host'],
  ])('%s stops start-up with one line', async (url, reason) => {
    const run = await runCli(['--port', '0', '--store', url]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('error: --store:');
    expect(run.stderr).toContain(reason);
  });

  it('never prints the password of a bad URL', async () => {
    const run = await runCli(['--port', '0', '--store', 'redis://user:s3cret@host:99999']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('s3cret');
  });

  it('refuses --state-file with a Redis store in one line (MOCK_STORE as well)', async () => {
    const port = await freePort();
    const run = await runCli(['--port', '0', '--state-file', '/tmp/x.json'], {
      MOCK_STORE: `redis://127.0.0.1:${port}`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'error: --state-file: keeps state in one process only; with a Redis --store the state lives in Redis: drop one of them',
    ]);
  });
});
