import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath, recordPath } from '../support/contact-routes.js';
import type { Contact, Page, PersonContact } from '../support/contract-types.js';
import { startMock } from '../support/mock-client.js';
import { personalDataPaths, presentPersonalData } from '../support/personal-data-paths.js';

const settings = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  consentRate: fc.double({ min: 0, max: 1, noNaN: true }),
  multiRoleShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
  withheld: fc.constantFrom('redact' as const, 'omit' as const),
  route: fc.constantFrom(...CONTACT_ROUTES),
  offset: fc.integer({ min: 0, max: 380 }),
});

const COUNTS = { tenants: 400, landlords: 300, lettingsApplicants: 350, salesApplicants: 200, vendors: 150 };

describe('consent properties over random seeds, rates and withheld modes', () => {
  it('no record without consent shows a marked field; consent is the same on every role of a person', async () => {
    await fc.assert(
      fc.asyncProperty(settings, async ({ route, offset, ...options }) => {
        const client = await startMock({ ...options, counts: COUNTS });
        try {
          const marked = new Map(CONTACT_ROUTES.map((entry) => [entry.key, personalDataPaths(entry.schema)]));
          const { body } = await client.get<Page<Contact>>(listPath(route, offset, 40));
          for (const record of body.Data) {
            if (options.withheld === 'omit') expect(record.ThirdPartyMarketingConsent).toBe(true);
            if (!record.ThirdPartyMarketingConsent) {
              expect(presentPersonalData(record, marked.get(route.key) ?? [])).toEqual([]);
            }
          }
          // Follow a few people to every role they hold, through the single-record routes.
          for (const record of body.Data.slice(0, 4)) {
            const roles = await client.get<PersonContact[]>(`${BASE}/person/${record.PersonID}/personcontacts`);
            for (const role of roles.body) {
              const roleRoute = CONTACT_ROUTES.find((entry) => entry.schema === role.ContactType)!;
              const other = await client.get<Contact>(recordPath(roleRoute, role.OID));
              expect(other.body.PersonID).toBe(record.PersonID);
              expect(other.body.ThirdPartyMarketingConsent).toBe(record.ThirdPartyMarketingConsent);
              if (!other.body.ThirdPartyMarketingConsent) {
                expect(presentPersonalData(other.body, marked.get(roleRoute.key) ?? [])).toEqual([]);
              }
            }
          }
        } finally {
          await client.close();
        }
      }),
      { numRuns: 20 },
    );
  });
});
