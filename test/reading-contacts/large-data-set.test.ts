import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath, oid, recordPath } from '../support/contact-routes.js';
import type { Contact, Page, PersonContact } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';

const TEN_MILLION = 10_000_000;
const settings = { seed: 11, counts: { tenants: TEN_MILLION, landlords: 4_000_000 }, multiRoleShare: 0.3 };

// Records are functions of (seed, type, index): a far page costs what the first one does.
let first: MockClient;
let second: MockClient;
beforeAll(async () => {
  [first, second] = await Promise.all([startMock(settings), startMock(settings)]);
});
afterAll(() => Promise.all([first.close(), second.close()]));

describe('a 10,000,000-tenant data set', () => {
  const tenants = CONTACT_ROUTES[0]!;

  it('serves the page at offset 9,999,000, identically on two servers', async () => {
    const path = listPath(tenants, 9_999_000, 1000);
    const [a, b] = [await first.get<Page<Contact>>(path), await second.get<Page<Contact>>(path)];
    expect(a.status).toBe(200);
    expect(a.body.Count).toBe(TEN_MILLION);
    expect(a.body.Data).toHaveLength(1000);
    expect(a.body.Data[0]?.OID).toBe(oid('TEN', 9_999_000, 11));
    expect(a.body.Data[999]?.OID).toBe(oid('TEN', 9_999_999, 11));
    expect(b.text).toBe(a.text);
  });

  it('the last record reads the same alone, and its person lists it', async () => {
    const page = await first.get<Page<Contact>>(listPath(tenants, TEN_MILLION - 1, 1));
    const last = page.body.Data[0] as Contact;
    expect((await first.get<Contact>(recordPath(tenants, last.OID))).body).toEqual(last);
    const roles = await first.get<PersonContact[]>(`${BASE}/person/${last.PersonID}/personcontacts`);
    expect(roles.body).toContainEqual({ ContactType: 'Tenant', OID: last.OID, BranchID: last.BranchID });
    expect((await first.get(recordPath(tenants, oid('TEN', TEN_MILLION, 11)))).status).toBe(404);
  });

  it('a far page within a branch is served too', async () => {
    const branch = oid('BRA', 5, 11);
    const count = (await first.get<Page<Contact>>(listPath(tenants, 0, 1, `branchID=${branch}`))).body.Count;
    expect(count).toBeGreaterThan(100_000);
    const page = await first.get<Page<Contact>>(listPath(tenants, count - 1000, 1000, `branchID=${branch}`));
    expect(page.body.Data).toHaveLength(1000);
    for (const record of page.body.Data) expect(record.BranchID).toBe(branch);
  });
});
