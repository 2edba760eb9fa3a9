import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../support/contact-routes.js';
import type { Contact, Page } from '../support/contract-types.js';
import { REPO_ROOT } from '../support/cli-process.js';
import { call } from '../support/http-json.js';
import { NGINX_TEMPLATE, NginxProcess } from '../support/nginx-process.js';
import { RedisProcess } from '../support/redis-process.js';
import { startReplicas, stopReplicas, type Replica } from '../support/replicas.js';
import { systemBinary } from '../support/system-binary.js';

const REDIS = systemBinary('redis-server', 'redis-server');
const NGINX = systemBinary('nginx', 'nginx');

describe.skipIf(!REDIS || !NGINX)('nginx from deploy/nginx in front of three replicas on one Redis', () => {
  let redis: RedisProcess;
  let replicas: Replica[];
  let nginx: NginxProcess;

  beforeAll(async () => {
    redis = await RedisProcess.start(REDIS as string);
    replicas = await startReplicas(3, ['--store', redis.url, '--rate-limit', '10/60s', '--block-after', '100']);
    nginx = await NginxProcess.start(
      NGINX as string,
      replicas.map((replica) => new URL(replica.url).host),
    );
  }, 60_000);
  afterAll(async () => {
    await nginx?.stop();
    await stopReplicas(replicas ?? []);
    await redis?.stop();
  });

  it('spreads requests over every replica, and 30 at once at 10/60s still give exactly 10 passes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => call(`${nginx.url}${BASE}/tenants/0/1`, { key: 'through-nginx' })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(20);
    expect(new Set(nginx.upstreamsUsed())).toEqual(new Set(replicas.map((replica) => new URL(replica.url).host)));
    // Each replica's own view of the shared rate limit: blocked for everyone.
    for (const replica of replicas) {
      expect((await call(`${replica.url}${BASE}/tenants/0/1`, { key: 'through-nginx' })).status).toBe(429);
    }
  });

  it('a consent change through the balancer shows on every replica, and /readyz answers through it', async () => {
    const setUp = await call<{ ids: { tenantID: string; personID: string } }>(`${nginx.url}/__mock/states`, {
      body: { state: 'a tenant exists', params: { consent: true } },
    });
    const { tenantID, personID } = setUp.body.ids;
    await call(`${nginx.url}/__mock/people/${personID}/consent`, {
      method: 'PUT',
      body: { ThirdPartyMarketing: false },
    });
    for (const [index, replica] of replicas.entries()) {
      const { body } = await call<Contact>(`${replica.url}${BASE}/tenants/${tenantID}`, { key: `reader-${index}` });
      expect(body.ThirdPartyMarketingConsent).toBe(false);
    }
    const page = await call<Page<Contact>>(`${nginx.url}${BASE}/tenants/0/3`, { key: 'page-reader' });
    expect(page.status).toBe(200);
    expect((await call<{ status: string }>(`${nginx.url}/readyz`)).body.status).toBe('ready');
  });

  it('takes the same template as docker-compose.cluster.yml, whose upstreams are its replicas', () => {
    const compose = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.cluster.yml'), 'utf8')) as {
      services: Record<string, { volumes?: string[]; environment?: Record<string, string> }>;
    };
    const balancer = compose.services['load-balancer'];
    const mounted = balancer?.volumes?.[0]?.split(':')[0] as string;
    expect(path.resolve(REPO_ROOT, mounted)).toBe(NGINX_TEMPLATE);
    const upstreams = [...(balancer?.environment?.MOCK_UPSTREAMS ?? '').matchAll(/server ([\w-]+):(\d+);/g)];
    expect(upstreams.length).toBe(3);
    for (const [, service, port] of upstreams) {
      expect(compose.services[service as string]?.environment?.MOCK_STORE).toBe('redis://redis:6379/0');
      expect(port).toBe('4010');
    }
    expect(compose.services.redis).toBeDefined();
  });
});
