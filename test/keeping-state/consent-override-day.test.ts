import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.js';

const KEY = { api_key: 'k' };
const INTEGRATOR = 'acme-crm';
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function build(stateFile: string): Promise<MockServer> {
  return createMockServer({ quiet: true, clockFrozen: true, stateFile, authorisedIntegrators: [INTEGRATOR] });
}

interface Tenant {
  OID: string;
  PersonID: string;
  ETag: string;
  ThirdPartyMarketingConsent: boolean;
  ConsentDetails?: unknown;
}

async function firstTenant(mock: MockServer, consented: boolean): Promise<Tenant> {
  const page = await request(mock.app).get('/v4/contacts/demo/tenants/0/50').set(KEY);
  const tenant = (page.body.Data as Tenant[]).find((record) => record.ThirdPartyMarketingConsent === consented);
  if (!tenant) throw new Error(`no tenant with consent ${consented} in the first page`);
  return tenant;
}

async function tenantById(mock: MockServer, oid: string): Promise<Tenant> {
  const response = await request(mock.app)
    .get(`/v4/contacts/demo/tenants/${oid}`)
    .query({ integrator: INTEGRATOR })
    .set(KEY);
  expect(response.status).toBe(200);
  return response.body as Tenant;
}

describe('a consent override keeps its simulated day across a restart', () => {
  it('ConsentDetails and ETag are the same before and after the restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'override-day-'));
    const stateFile = join(dir, 'state.json');
    const before = await build(stateFile);
    const tenant = await firstTenant(before, false);
    // Days pass, then the person consents: the consent is dated on the day it was given.
    const clock = await request(before.app).post('/__mock/clock').send({ advance: 'P3D' });
    expect(clock.status).toBe(200);
    const granted = await request(before.app)
      .put(`/__mock/people/${tenant.PersonID}/consent`)
      .send({ ThirdPartyMarketing: true });
    expect(granted.status).toBe(200);
    const served = await tenantById(before, tenant.OID);
    expect(served.ThirdPartyMarketingConsent).toBe(true);
    expect(served.ConsentDetails).toBeDefined();

    const after = await build(stateFile);
    const restored = await tenantById(after, tenant.OID);
    expect(restored.ETag).toBe(served.ETag);
    expect(restored.ConsentDetails).toEqual(served.ConsentDetails);
  });
});
