import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContactsClient, hasMarketingConsent, isHttpError, type ContactsClient } from '../../src/index.js';
import { startMockTarget, TEST_KEY, type MockTarget } from './mock-target.js';

const INTEGRATOR = 'acme-crm';

describe('the client against the mock: every route, identified as each route requires', () => {
  let target: MockTarget;
  let client: ContactsClient;
  beforeAll(async () => {
    target = await startMockTarget({
      counts: { tenants: 120, landlords: 40, lettingsApplicants: 30, salesApplicants: 20, vendors: 10 },
      branches: 3,
      authorisedIntegrators: [INTEGRATOR],
    });
    // The mock has no rate limit here; the client's own (50/min by default) would slow the test.
    client = createContactsClient({
      baseUrl: target.baseUrl,
      apiKey: TEST_KEY,
      shortName: 'demo',
      integrator: INTEGRATOR,
      rateLimit: { requests: 1000, windowMs: 1000 },
    });
  });
  afterAll(() => target.close());

  it('lists branches in the { Count, Data } envelope', async () => {
    const page = await client.branches.list({ offset: 0, count: 10 });
    expect(page.Count).toBe(3);
    // OIDs are opaque: distinct strings, no shape to rely on.
    expect(new Set(page.Data.map((branch) => branch.OID)).size).toBe(3);
  });

  it.each(['tenants', 'landlords', 'lettingsApplicants', 'salesApplicants', 'vendors'] as const)(
    'walks every %s page by page, and gets one by its ID',
    async (type) => {
      const all = [];
      for await (const record of client[type].all({ pageSize: 7 })) all.push(record);
      const first = await client[type].list({ offset: 0, count: 1 });
      expect(all).toHaveLength(first.Count);
      expect(new Set(all.map((record) => record.OID)).size).toBe(all.length);
      const one = all[3] as (typeof all)[number];
      expect(await client[type].get(one.OID)).toEqual(one);
    },
  );

  it('filters by branch', async () => {
    const branchID = (await client.branches.list()).Data[1]?.OID as string;
    let seen = 0;
    for await (const tenant of client.tenants.all({ branchID, pageSize: 1000 })) {
      expect(tenant.BranchID).toBe(branchID);
      seen += 1;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('sends integrator or integration as the route reads it: no mock warnings, ConsentDetails shown', async () => {
    const salesApplicantID = (await client.salesApplicants.list({ count: 1 })).Data[0]?.OID as string;
    await target.control('DELETE', '/requests');
    const tenants = await client.tenants.list({ count: 20 });
    await client.lettingsApplicants.list({ count: 5 });
    await client.salesApplicants.get(salesApplicantID);
    await client.people.contacts(tenants.Data[0]?.PersonID as string);
    const journal = await target.journal();
    expect(journal).toHaveLength(4);
    for (const entry of journal) expect(entry.warnings, entry.path).toEqual([]);
    expect(journal.map((entry) => Object.keys(entry.query).sort())).toEqual([
      ['integrator'],
      ['integration'],
      ['integration'],
      ['integrator'],
    ]);
    const consented = tenants.Data.find((tenant) => hasMarketingConsent(tenant));
    expect(consented && hasMarketingConsent(consented) ? consented.ConsentDetails : undefined).toBeDefined();
  });

  it('answers the roles of a person', async () => {
    const tenant = await client.tenants.get(
      (await client.tenants.list({ offset: 4, count: 1 })).Data[0]?.OID as string,
    );
    const roles = await client.people.contacts(tenant.PersonID);
    expect(roles).toContainEqual({ ContactType: 'Tenant', OID: tenant.OID, BranchID: tenant.BranchID });
  });

  it('reads, sets and reads back a custom field', async () => {
    const tenantID = (await client.tenants.list({ offset: 4, count: 1 })).Data[0]?.OID as string;
    const definitions = await client.customFields.definitions(tenantID);
    const text = definitions.CustomFields.find((definition) => typeof definition.Value === 'string');
    expect(text).toBeDefined();
    const fieldID = (text as { ID: string }).ID;
    const stored = await client.customFields.set(tenantID, fieldID, 'from the client');
    expect(stored).toBe('from the client');
    expect(await client.customFields.get(tenantID, fieldID)).toBe('from the client');
  });

  it('throws HttpError with the server’s message for an unknown ID', async () => {
    const error = await client.tenants.get('TEN-0000999999').catch((caught: unknown) => caught);
    expect(isHttpError(error)).toBe(true);
    if (!isHttpError(error)) return;
    expect(error.status).toBe(404);
    expect(error.serverMessage).toMatch(/\w/);
    expect(error.message).toMatch(/^GET \/v4\/contacts\/demo\/tenants\/TEN-0000999999\?integrator=acme-crm: 404 /);
  });

  it('encodes IDs as path segments, so an ID cannot change the route', async () => {
    const error = await client.tenants.get('../landlords/LAN-0000000001').catch((caught: unknown) => caught);
    // One segment of the tenant route: an unknown ID (404), or one of a shape the contract refuses (400).
    expect(isHttpError(error) && error.path).toMatch(/\/tenants\/\.\.%2Flandlords%2FLAN-0000000001\?/);
    expect([400, 404]).toContain(isHttpError(error) && error.status);
  });
});
