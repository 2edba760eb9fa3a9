import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { fieldOfType } from '../support/custom-field-catalogue.js';
import type { Contact, Page } from '../support/contract-types.js';
import { call } from '../support/http-json.js';
import { RedisProcess } from '../support/redis-process.js';
import { startReplica, startReplicas, stopReplicas, type Replica } from '../support/replicas.js';
import { systemBinary } from '../support/system-binary.js';

const REDIS = systemBinary('redis-server', 'redis-server');
// One configuration for every replica: ten requests per rolling minute, a block after two 429s.
const SETTINGS = [
  '--rate-limit',
  '10/60s',
  '--block-after',
  '2',
  '--clock-frozen',
  '--consent-rate',
  '1',
  '--retry-after',
  'send',
];
const SETTINGS_ARGS = [...SETTINGS, '--journal-size', '50'];

describe.skipIf(!REDIS)('three replicas on one Redis behave as one mock', () => {
  let redis: RedisProcess;
  let replicas: Replica[];
  const at = (index: number, path: string): string => `${(replicas[index % replicas.length] as Replica).url}${path}`;

  beforeAll(async () => {
    redis = await RedisProcess.start(REDIS as string);
    replicas = await startReplicas(3, ['--store', redis.url, ...SETTINGS_ARGS]);
  }, 60_000);
  afterAll(async () => {
    await stopReplicas(replicas ?? []);
    await redis?.stop();
  });
  beforeEach(async () => {
    expect((await call(at(0, '/__mock/reset'), { method: 'POST' })).status).toBe(200);
  });

  it('30 concurrent requests at 10/60s across three replicas: exactly 10 pass, and the block holds on all', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => call(at(index, `${BASE}/tenants/0/1`), { key: 'burst-key' })),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    // Exactly blockAfter 429s, then the key is blocked: the count of ignored limits is shared too.
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    expect(statuses.filter((status) => status === 403)).toHaveLength(18);
    for (let index = 0; index < 3; index++) {
      const blocked = await call(at(index, `${BASE}/tenants/0/1`), { key: 'burst-key' });
      expect(blocked.status).toBe(403);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another key is untouched by that block.
    expect((await call(at(1, `${BASE}/tenants/0/1`), { key: 'other-key' })).status).toBe(200);
  });

  it('parallel POSTs through different replicas are never lost: every value reads back on every replica', async () => {
    const field = fieldOfType((await call(at(0, '/__mock/customfields'))).body, 'Text');
    const objects = Array.from({ length: 30 }, (_, index) => oid('TEN', index));
    const posts = await Promise.all(
      objects.map((objectId, index) =>
        call(at(index, `${BASE}/company/objects/${objectId}/${field}/customfield`), {
          key: `writer-${index}`,
          body: { Value: `value ${index}` },
        }),
      ),
    );
    expect(posts.map((post) => post.status)).toEqual(objects.map(() => 200));
    for (const [index, objectId] of objects.entries()) {
      // Read through the two replicas that did not write it.
      for (const reader of [index + 1, index + 2]) {
        const read = await call<unknown>(at(reader, `${BASE}/company/objects/${objectId}/${field}/value`), {
          key: `reader-${reader % 3}-${index}`,
        });
        expect(read.body).toBe(`value ${index}`);
      }
    }
  });

  it('a consent change on one replica shows on the next request to every other, cached pages included', async () => {
    const setUp = await call<{ ids: { tenantID: string; personID: string } }>(at(0, '/__mock/states'), {
      body: { state: 'a tenant exists' },
    });
    const { tenantID, personID } = setUp.body.ids;
    const page = `${BASE}/tenants/0/5`;
    const consentOf = async (index: number): Promise<boolean | undefined> => {
      const { body } = await call<Page<Contact>>(at(index, page), { key: `page-${index}` });
      return body.Data.find((record) => record.OID === tenantID)?.ThirdPartyMarketingConsent;
    };
    // Twice each, so replicas 1 and 2 hold the page in their response caches.
    for (const index of [1, 2, 1, 2]) expect(await consentOf(index)).toBe(true);
    const withdrawn = await call(at(0, `/__mock/people/${personID}/consent`), {
      method: 'PUT',
      body: { ThirdPartyMarketing: false },
    });
    expect(withdrawn.status).toBe(200);
    expect(await consentOf(1)).toBe(false);
    expect(await consentOf(2)).toBe(false);
    expect((await call(at(2, `/__mock/people/${personID}/consent`), { method: 'DELETE' })).status).toBe(204);
    expect(await consentOf(0)).toBe(true);
    expect(await consentOf(1)).toBe(true);
  });

  it('the clock advanced through one replica is the clock of all', async () => {
    const advanced = await call<{ now: string; day: number }>(at(1, '/__mock/clock'), { body: { advance: 'P3D' } });
    expect(advanced.body.day).toBe(3);
    for (let index = 0; index < 3; index++) {
      expect((await call<{ now: string }>(at(index, '/__mock/clock'))).body.now).toBe(advanced.body.now);
    }
  });

  it('reset through one replica resets all: values, consent, clock, journal and rate limits', async () => {
    const value = `${BASE}/company/objects/${oid('TEN', 1)}`;
    const field = fieldOfType((await call(at(0, '/__mock/customfields'))).body, 'Text');
    const before = (await call<unknown>(at(0, `${value}/${field}/value`), { key: 'reset-reader' })).body;
    expect(before).not.toBe('changed');
    await call(at(0, `${value}/${field}/customfield`), { key: 'reset-writer', body: { Value: 'changed' } });
    await call(at(1, '/__mock/clock'), { body: { advance: 'P1D' } });
    for (let request = 0; request < 13; request++) await call(at(request, `${BASE}/tenants/0/1`), { key: 'spent' });
    expect((await call(at(0, `${BASE}/tenants/0/1`), { key: 'spent' })).status).toBe(403);

    expect((await call(at(2, '/__mock/reset'), { method: 'POST' })).status).toBe(200);
    for (let index = 0; index < 3; index++) {
      expect((await call<unknown>(at(index, `${value}/${field}/value`), { key: `r${index}` })).body).toBe(before);
      expect((await call<{ day: number }>(at(index, '/__mock/clock'))).body.day).toBe(0);
      expect((await call(at(index, `${BASE}/tenants/0/1`), { key: 'spent' })).status).toBe(200);
    }
  });

  it('keeps one journal for all replicas, bounded at --journal-size', async () => {
    for (let request = 0; request < 9; request++)
      await call(at(request, `${BASE}/tenants/${request}/1`), { key: 'journal-key' });
    for (let index = 0; index < 3; index++) {
      const { body } = await call<{ Count: number; Data: { path: string; key: string }[] }>(
        at(index, '/__mock/requests?key=journal-key'),
      );
      expect(body.Data.map((entry) => entry.path)).toEqual(
        Array.from({ length: 9 }, (_, request) => `${BASE}/tenants/${request}/1`),
      );
      // Kept masked (hashed for the filter): the key itself is never in the journal, nor in Redis.
      expect(JSON.stringify(body)).not.toContain('journal-key');
    }
    for (let request = 0; request < 60; request++)
      await call(at(request, `${BASE}/tenants/0/1`), { key: `k${request}` });
    expect((await call<{ Count: number }>(at(1, '/__mock/requests'))).body.Count).toBe(50);
    expect(await redis.keyValues('journal-key')).toEqual([]);
  });

  it('keys are namespaced by the settings: a replica with another seed shares nothing, one with the same settings all', async () => {
    const path = `${BASE}/company/objects/${oid('TEN', 2)}`;
    const field = fieldOfType((await call(at(0, '/__mock/customfields'))).body, 'Text');
    await call(at(0, `${path}/${field}/customfield`), { key: 'ns', body: { Value: 'only seed 1' } });
    const [other, same] = await Promise.all([
      startReplica(['--store', redis.url, ...SETTINGS_ARGS, '--seed', '2']),
      startReplica(['--store', redis.url, ...SETTINGS_ARGS]),
    ]);
    try {
      // Another seed has other OIDs: seed 1's tenant is not there, let alone its value.
      const otherValue = await call<unknown>(`${other.url}${path}/${field}/value`, { key: 'ns' });
      expect(otherValue.status).toBe(404);
      const sameValue = await call<unknown>(`${same.url}${path}/${field}/value`, { key: 'ns' });
      expect(sameValue.body).toBe('only seed 1');
    } finally {
      await stopReplicas([other, same]);
    }
  }, 60_000);
});
