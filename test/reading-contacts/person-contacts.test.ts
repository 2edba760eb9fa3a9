import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath, recordPath, routeOfOid } from '../support/contact-routes.js';
import type { Contact, PersonContact } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { fetchAll } from '../support/page-walker.js';
import { personalDataPaths, withoutPersonalData } from '../support/personal-data-paths.js';

const CONTACT_TYPE = {
  tenants: 'Tenant',
  landlords: 'Landlord',
  lettingsApplicants: 'LettingsApplicant',
  salesApplicants: 'SalesApplicant',
  vendors: 'Vendor',
} as const;
const MULTI_ROLE_SHARE = 0.2;
const SEED = 17;

let client: MockClient;
const everyone: Contact[] = [];
const byPerson = new Map<string, Contact[]>();

beforeAll(async () => {
  client = await startMock({
    seed: SEED,
    consentRate: 0.5,
    multiRoleShare: MULTI_ROLE_SHARE,
    branches: 4,
    counts: { tenants: 2000, landlords: 800, lettingsApplicants: 1200, salesApplicants: 600, vendors: 400 },
  });
  for (const route of CONTACT_ROUTES) {
    const { records } = await fetchAll<Contact>(client, (offset, count) => listPath(route, offset, count), 1000);
    everyone.push(...records);
  }
  for (const record of everyone) byPerson.set(record.PersonID, [...(byPerson.get(record.PersonID) ?? []), record]);
});
afterAll(() => client.close());

function rolesPath(personId: string): string {
  return `${BASE}/person/${personId}/personcontacts`;
}

function asRole(record: Contact): PersonContact {
  return { ContactType: CONTACT_TYPE[routeOfOid(record.OID, SEED).key], OID: record.OID, BranchID: record.BranchID };
}

describe('person contacts', () => {
  it.each(CONTACT_ROUTES)("$key: a record's person lists that record's role", async (route) => {
    const sample = everyone.filter((record) => routeOfOid(record.OID, SEED) === route).filter((_, i) => i % 37 === 0);
    for (const record of sample) {
      const { body } = await client.get<PersonContact[]>(rolesPath(record.PersonID));
      expect(Array.isArray(body)).toBe(true);
      expect(body).toContainEqual(asRole(record));
    }
  });

  it('a person lists exactly the roles whose records carry their PersonID', async () => {
    const multi = [...byPerson.entries()].filter(([, records]) => records.length > 1).slice(0, 40);
    const single = [...byPerson.entries()].filter(([, records]) => records.length === 1).slice(0, 10);
    expect(multi.length).toBe(40);
    for (const [personId, records] of [...multi, ...single]) {
      const { body } = await client.get<PersonContact[]>(rolesPath(personId));
      expect([...body].sort((a, b) => a.OID.localeCompare(b.OID))).toEqual(
        records.map(asRole).sort((a, b) => a.OID.localeCompare(b.OID)),
      );
    }
  });

  it("each role of a multi-role person points back to the same PersonID, with one consent and one person's data", async () => {
    const multi = [...byPerson.keys()].filter((personId) => (byPerson.get(personId)?.length ?? 0) > 1).slice(0, 30);
    for (const personId of multi) {
      const { body } = await client.get<PersonContact[]>(rolesPath(personId));
      const records: Contact[] = [];
      for (const role of body) {
        const record = await client.get<Contact>(recordPath(routeOfOid(role.OID, SEED), role.OID));
        expect(record.body.PersonID).toBe(personId);
        expect(record.body.BranchID).toBe(role.BranchID);
        records.push(record.body);
      }
      expect(new Set(records.map((record) => record.ThirdPartyMarketingConsent)).size).toBe(1);
      // What belongs to the person (the contract's base fields that are personal data) is the same on every role.
      const personal = personalDataPaths('ContactBase');
      const personOnly = records.map((record) => {
        const rest = withoutPersonalData(record, personal);
        return Object.fromEntries(Object.entries(record).filter(([key]) => !(key in rest)));
      });
      for (const view of personOnly) expect(view).toEqual(personOnly[0]);
    }
  });
});

describe('over the whole data set', () => {
  it('consent is identical on every role of a person', () => {
    for (const records of byPerson.values()) {
      expect(new Set(records.map((record) => record.ThirdPartyMarketingConsent)).size).toBe(1);
    }
  });

  it('no person holds two roles of the same type', () => {
    for (const records of byPerson.values()) {
      const types = records.map((record) => routeOfOid(record.OID, SEED).key);
      expect(new Set(types).size).toBe(types.length);
    }
  });

  it.each(CONTACT_ROUTES)('$key: the share of records whose person holds several roles is multiRoleShare', (route) => {
    const records = everyone.filter((record) => routeOfOid(record.OID, SEED) === route);
    const multi = records.filter((record) => (byPerson.get(record.PersonID)?.length ?? 0) > 1).length;
    expect(Math.abs(multi / records.length - MULTI_ROLE_SHARE)).toBeLessThanOrEqual(0.01);
  });
});
