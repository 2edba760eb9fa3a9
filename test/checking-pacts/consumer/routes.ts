/** The 15 routes, as the reference client calls them, in agentOS's own shapes (opaque OIDs, flat records). */
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { personalFieldsPresent } from '../../../src/index.js';
import {
  BASE,
  branch,
  consentedRecord,
  EXAMPLE_OIDS,
  INTEGRATOR,
  keyHeader,
  KINDS,
  listRecord,
  oid,
  OID_RE,
  page,
  unconsentedRecord,
  type ContactKind,
} from '../shapes.js';
import { client, pact } from './pact.js';

const { fromProviderState, string, like, atLeastLike, eachLike } = MatchersV3;

const CONTACT_KINDS = Object.keys(KINDS) as ContactKind[];
const { branch: BRANCH, contact: CONTACT, unconsented: UNCONSENTED, person: PERSON, field: FIELD } = EXAMPLE_OIDS;

export function describeRoutes(): void {
  describe('lists (routes 1-6)', () => {
    it('lists branches', async () => {
      await pact
        .addInteraction()
        .given('a branch exists')
        .uponReceiving('a request for a page of branches')
        .withRequest('GET', `${BASE}/company/branches/0/100`, (b) => b.headers(keyHeader))
        .willRespondWith(200, (b) => b.jsonBody(page(branch)))
        .executeTest(async (server) => {
          const result = await client(server.url).branches.list();
          expect(result.Count).toBeGreaterThan(0);
          expect(result.Data[0]?.OID).toMatch(OID_RE);
        });
    });

    for (const kind of CONTACT_KINDS) {
      const { path, label, state, query } = KINDS[kind];
      it(`lists ${label}s of a branch`, async () => {
        await pact
          .addInteraction()
          .given(state, { consent: true })
          .uponReceiving(`a request for a page of ${label}s of one branch`)
          .withRequest('GET', `${BASE}${path}/0/100`, (b) =>
            b.headers(keyHeader).query({
              branchID: fromProviderState('${branchID}', BRANCH),
              [query]: string(INTEGRATOR),
            }),
          )
          .willRespondWith(200, (b) => b.jsonBody(page(listRecord(kind))))
          .executeTest(async (server) => {
            const result = await client(server.url)[kind].list({ branchID: BRANCH });
            expect(result.Data.length).toBeGreaterThan(0);
            expect(result.Data[0]?.BranchID).toMatch(OID_RE);
          });
      });
    }
  });

  describe('single records (routes 8-12)', () => {
    for (const kind of CONTACT_KINDS) {
      const { path, label, state, idName, query } = KINDS[kind];
      it(`reads a consented ${label}`, async () => {
        await pact
          .addInteraction()
          .given(state, { consent: true })
          .uponReceiving(`a request for a ${label} who consented to third party marketing`)
          .withRequest('GET', fromProviderState(`${BASE}${path}/\${${idName}}`, `${BASE}${path}/${CONTACT}`), (b) =>
            b.headers(keyHeader).query({ [query]: string(INTEGRATOR) }),
          )
          .willRespondWith(200, (b) => b.jsonBody(consentedRecord(kind)))
          .executeTest(async (server) => {
            const record = await client(server.url)[kind].get(CONTACT);
            expect(record.OID).toMatch(OID_RE);
            expect(record.ThirdPartyMarketingConsent).toBe(true);
            expect(personalFieldsPresent(record)).toEqual(
              expect.arrayContaining(['Forename', 'Surname', 'EmailAddress']),
            );
          });
      });
    }

    it('reads a tenant without consent: personal fields withheld', async () => {
      await pact
        .addInteraction()
        .given('a tenant exists', { consent: false })
        .uponReceiving('a request for a tenant who did not consent to third party marketing')
        .withRequest('GET', fromProviderState(`${BASE}/tenants/\${tenantID}`, `${BASE}/tenants/${UNCONSENTED}`), (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(200, (b) => b.jsonBody(unconsentedRecord('tenants')))
        .executeTest(async (server) => {
          const record = await client(server.url).tenants.get(UNCONSENTED);
          expect(record.ThirdPartyMarketingConsent).toBe(false);
          // Withheld fields are null by default (absent with --nulls absent): neither counts as given.
          expect(personalFieldsPresent(record)).toEqual([]);
          const fields = record as Record<string, unknown>;
          expect(fields.Forename ?? null).toBeNull();
          expect(fields.EmailAddress ?? null).toBeNull();
        });
    });
  });

  describe('people (route 7)', () => {
    it('lists every role a person holds', async () => {
      await pact
        .addInteraction()
        .given('a person with several roles exists')
        .uponReceiving('a request for every role of a person who holds several')
        .withRequest(
          'GET',
          fromProviderState(`${BASE}/person/\${personID}/personcontacts`, `${BASE}/person/${PERSON}/personcontacts`),
          (b) => b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(200, (b) =>
          // A bare JSON array (agentOS's unpaged collections).
          b.jsonBody(atLeastLike({ ContactType: string('Tenant'), OID: oid(CONTACT), BranchID: oid(BRANCH) }, 2)),
        )
        .executeTest(async (server) => {
          const roles = await client(server.url).people.contacts(PERSON);
          expect(roles.length).toBeGreaterThanOrEqual(2);
          expect(roles[0]?.OID).toMatch(OID_RE);
        });
    });
  });

  describe('custom fields (routes 13-15)', () => {
    it('reads the custom field definitions of a tenant', async () => {
      await pact
        .addInteraction()
        .given('a custom field value is set')
        .uponReceiving('a request for the custom field definitions of a tenant')
        .withRequest(
          'GET',
          fromProviderState(
            `${BASE}/company/object/\${objectID}/customfield`,
            `${BASE}/company/object/${CONTACT}/customfield`,
          ),
          (b) => b.headers(keyHeader),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({
            CustomFields: eachLike({
              ID: oid(FIELD),
              TabName: string('Integrations'),
              GroupName: string('References'),
              FieldName: string('CRM reference'),
            }),
          }),
        )
        .executeTest(async (server) => {
          const definitions = await client(server.url).customFields.definitions(CONTACT);
          expect(definitions.CustomFields[0]?.ID).toMatch(OID_RE);
        });
    });

    it('reads a custom field value', async () => {
      await pact
        .addInteraction()
        .given('a custom field value is set', { value: 'CRM-00042' })
        .uponReceiving('a request for the value of a text custom field')
        .withRequest(
          'GET',
          fromProviderState(
            `${BASE}/company/objects/\${objectID}/\${fieldID}/value`,
            `${BASE}/company/objects/${CONTACT}/${FIELD}/value`,
          ),
          (b) => b.headers(keyHeader),
        )
        // The bare JSON value.
        .willRespondWith(200, (b) => b.jsonBody(string('CRM-00042')))
        .executeTest(async (server) => {
          const value = await client(server.url).customFields.get(CONTACT, FIELD);
          expect(value).toBe('CRM-00042');
        });
    });

    it('sets a custom field value', async () => {
      await pact
        .addInteraction()
        .given('a custom field value is set')
        .uponReceiving('a request to set the value of a text custom field')
        .withRequest(
          'POST',
          fromProviderState(
            `${BASE}/company/objects/\${objectID}/\${fieldID}/customfield`,
            `${BASE}/company/objects/${CONTACT}/${FIELD}/customfield`,
          ),
          (b) => b.headers(keyHeader).jsonBody({ Value: like('CRM-12345') }),
        )
        // The bare stored value.
        .willRespondWith(200, (b) => b.jsonBody(string('CRM-12345')))
        .executeTest(async (server) => {
          const stored = await client(server.url).customFields.set(CONTACT, FIELD, 'CRM-12345');
          expect(stored).toBe('CRM-12345');
        });
    });
  });
}
