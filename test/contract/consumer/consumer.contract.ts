/**
 * Consumer tests: the reference client, driven as a partner's code would drive it, against Pact's
 * mock. Every one of the 15 routes, plus the errors a partner must handle. Writes
 * contracts/pacts/agentos-contacts-client-agentos-v4-contacts.json (committed).
 */
import { rmSync } from 'node:fs';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContactsClient, HttpError, personalFieldsPresent, RateLimitError } from '../../../src/index.js';
import {
  BASE,
  branch,
  CONSUMER,
  consentedRecord,
  EXAMPLE_KEY,
  INTEGRATOR,
  keyHeader,
  KINDS,
  listRecord,
  oid,
  oneOf,
  page,
  problem,
  problemHeaders,
  PROVIDER,
  SHORT_NAME,
  unconsentedRecord,
  type ContactKind,
} from '../shapes.js';

const { fromProviderState, integer, string, like, regex, atLeastLike, eachLike } = MatchersV3;

export const PACT_DIR = 'contracts/pacts';
export const PACT_FILE = `${PACT_DIR}/${CONSUMER}-${PROVIDER}.json`;

const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });

function client(url: string, extra: { fetch?: typeof fetch; maxRateLimitWaits?: number } = {}) {
  return createContactsClient({
    baseUrl: url,
    apiKey: EXAMPLE_KEY,
    shortName: SHORT_NAME,
    integrator: INTEGRATOR,
    rateLimit: { requests: 1000, windowMs: 1000 },
    retries: 0,
    ...extra,
  });
}

/** A fetch that drops the key: a partner's deployment whose secret did not arrive. */
const fetchWithoutKey: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete('api_key');
  return fetch(input, { ...init, headers });
};

const CONTACT_KINDS = Object.keys(KINDS) as ContactKind[];

describe(`${CONSUMER} -> ${PROVIDER}`, () => {
  beforeAll(() => {
    // Regenerated from scratch each run, so a renamed interaction cannot linger in the file.
    rmSync(PACT_FILE, { force: true });
  });

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
          expect(result.Data[0]?.OID).toMatch(/^BRA-\d{10}$/);
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
              branchID: fromProviderState('${branchID}', 'BRA-0000000000'),
              [query]: string(INTEGRATOR),
            }),
          )
          .willRespondWith(200, (b) => b.jsonBody(page(listRecord(kind))))
          .executeTest(async (server) => {
            const result = await client(server.url)[kind].list({ branchID: 'BRA-0000000000' });
            expect(result.Data.length).toBeGreaterThan(0);
            expect(result.Data[0]?.BranchID).toMatch(/^BRA-\d{10}$/);
          });
      });
    }
  });

  describe('single records (routes 8-12)', () => {
    for (const kind of CONTACT_KINDS) {
      const { path, label, state, idName, prefix, query } = KINDS[kind];
      it(`reads a consented ${label}`, async () => {
        await pact
          .addInteraction()
          .given(state, { consent: true })
          .uponReceiving(`a request for a ${label} who consented to third party marketing`)
          .withRequest(
            'GET',
            fromProviderState(`${BASE}${path}/\${${idName}}`, `${BASE}${path}/${prefix}-0000000001`),
            (b) => b.headers(keyHeader).query({ [query]: string(INTEGRATOR) }),
          )
          .willRespondWith(200, (b) => b.jsonBody(consentedRecord(kind)))
          .executeTest(async (server) => {
            const record = await client(server.url)[kind].get(`${prefix}-0000000001`);
            expect(record.ThirdPartyMarketingConsent).toBe(true);
            expect(personalFieldsPresent(record)).toEqual(expect.arrayContaining(['Forename', 'Surname', 'Email']));
          });
      });
    }

    it('reads a tenant without consent: personal fields absent', async () => {
      await pact
        .addInteraction()
        .given('a tenant exists', { consent: false })
        .uponReceiving('a request for a tenant who did not consent to third party marketing')
        .withRequest('GET', fromProviderState(`${BASE}/tenants/\${tenantID}`, `${BASE}/tenants/TEN-0000000002`), (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(200, (b) => b.jsonBody(unconsentedRecord('tenants')))
        .executeTest(async (server) => {
          const record = await client(server.url).tenants.get('TEN-0000000002');
          expect(record.ThirdPartyMarketingConsent).toBe(false);
          expect(personalFieldsPresent(record)).toEqual([]);
          expect(record).not.toHaveProperty('Forename');
          expect(record).not.toHaveProperty('Email');
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
          fromProviderState(
            `${BASE}/person/\${personID}/personcontacts`,
            `${BASE}/person/PER-0000000001/personcontacts`,
          ),
          (b) => b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({
            Count: integer(2),
            Data: atLeastLike(
              {
                ContactType: oneOf(['Tenant', 'Landlord', 'LettingsApplicant', 'SalesApplicant', 'Vendor']),
                OID: regex('^[A-Z]{3}-[0-9]{10}$', 'TEN-0000000001'),
                BranchID: oid('BRA', 'BRA-0000000000'),
              },
              2,
            ),
          }),
        )
        .executeTest(async (server) => {
          const roles = await client(server.url).people.contacts('PER-0000000001');
          expect(roles.length).toBeGreaterThanOrEqual(2);
        });
    });
  });

  describe('custom fields (routes 13-15)', () => {
    const objectPath = (template: string, example: string) => fromProviderState(template, example);

    it('reads the custom field definitions of a tenant', async () => {
      await pact
        .addInteraction()
        .given('a custom field value is set', { fieldID: 'TEN-CF02' })
        .uponReceiving('a request for the custom field definitions of a tenant')
        .withRequest(
          'GET',
          objectPath(
            `${BASE}/company/object/\${objectID}/customfield`,
            `${BASE}/company/object/TEN-0000000000/customfield`,
          ),
          (b) => b.headers(keyHeader),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({
            Count: integer(2),
            Data: eachLike({
              FieldID: regex('^[A-Z]{3}-CF[0-9]{2}$', 'TEN-CF02'),
              Name: string('CRM reference'),
              DataType: oneOf(['Text', 'Number', 'Date', 'Boolean', 'List'], 'Text'),
            }),
          }),
        )
        .executeTest(async (server) => {
          const definitions = await client(server.url).customFields.definitions('TEN-0000000000');
          expect(typeof definitions.CustomFields[0]?.ID).toBe('string');
        });
    });

    it('reads a custom field value', async () => {
      await pact
        .addInteraction()
        .given('a custom field value is set', { fieldID: 'TEN-CF02', value: 'CRM-00042' })
        .uponReceiving('a request for the value of a text custom field')
        .withRequest(
          'GET',
          objectPath(
            `${BASE}/company/objects/\${objectID}/\${fieldID}/value`,
            `${BASE}/company/objects/TEN-0000000000/TEN-CF02/value`,
          ),
          (b) => b.headers(keyHeader),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({
            ObjectID: oid('TEN', 'TEN-0000000000'),
            FieldID: string('TEN-CF02'),
            DataType: 'Text',
            Value: string('CRM-00042'),
          }),
        )
        .executeTest(async (server) => {
          const value = await client(server.url).customFields.get('TEN-0000000000', 'TEN-CF02');
          expect(value).toBe('CRM-00042');
        });
    });

    it('sets a custom field value', async () => {
      await pact
        .addInteraction()
        .given('a custom field value is set', { fieldID: 'TEN-CF02' })
        .uponReceiving('a request to set the value of a text custom field')
        .withRequest(
          'POST',
          objectPath(
            `${BASE}/company/objects/\${objectID}/\${fieldID}/customfield`,
            `${BASE}/company/objects/TEN-0000000000/TEN-CF02/customfield`,
          ),
          (b) => b.headers(keyHeader).jsonBody({ Value: like('CRM-12345') }),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({
            ObjectID: oid('TEN', 'TEN-0000000000'),
            FieldID: string('TEN-CF02'),
            DataType: 'Text',
            Value: string('CRM-12345'),
          }),
        )
        .executeTest(async (server) => {
          const stored = await client(server.url).customFields.set('TEN-0000000000', 'TEN-CF02', 'CRM-12345');
          expect(stored).toBe('CRM-12345');
        });
    });
  });

  describe('errors a partner must handle', () => {
    it('401 without a key', async () => {
      await pact
        .addInteraction()
        .uponReceiving('a request for tenants without an API key')
        .withRequest('GET', `${BASE}/tenants/0/100`, (b) => b.query({ integrator: string(INTEGRATOR) }))
        .willRespondWith(401, (b) =>
          b
            .headers(problemHeaders)
            .jsonBody(problem(401, 'missing-api-key', 'An API key is required', 'Send the key.')),
        )
        .executeTest(async (server) => {
          const error = await client(server.url, { fetch: fetchWithoutKey })
            .tenants.list()
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(401);
        });
    });

    it('400 for a count over 1000', async () => {
      await pact
        .addInteraction()
        .uponReceiving('a request for a page of 5000 tenants')
        .withRequest('GET', `${BASE}/tenants/0/5000`, (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(400, (b) =>
          b.headers(problemHeaders).jsonBody({
            ...problem(400, 'invalid-request', 'The request is invalid', 'count: must be <= 1000'),
            errors: eachLike({ name: 'count', in: 'path', reason: string('must be <= 1000') }),
          }),
        )
        .executeTest(async (server) => {
          const error = await client(server.url)
            .tenants.list({ count: 5000 })
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(400);
          expect((error as HttpError).problem?.errors?.[0]?.name).toBe('count');
        });
    });

    it('404 for an unknown ID', async () => {
      await pact
        .addInteraction()
        .given('no record has the ID')
        .uponReceiving('a request for a tenant ID that no record has')
        .withRequest('GET', fromProviderState(`${BASE}/tenants/\${tenantID}`, `${BASE}/tenants/TEN-0000999999`), (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(404, (b) =>
          b
            .headers(problemHeaders)
            .jsonBody(problem(404, 'not-found', 'Not found', 'No tenant has the ID TEN-0000999999.')),
        )
        .executeTest(async (server) => {
          const error = await client(server.url)
            .tenants.get('TEN-0000999999')
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(404);
        });
    });

    it('429 with Retry-After', async () => {
      await pact
        .addInteraction()
        .given('the API key has used up its rate limit')
        .uponReceiving('a request for tenants over the rate limit')
        .withRequest('GET', `${BASE}/tenants/0/100`, (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(429, (b) =>
          b
            .headers({ ...problemHeaders, 'Retry-After': regex('^\\d+$', '60') })
            .jsonBody(
              problem(429, 'rate-limited', 'Too many requests for this API key', '50 requests in the last 60 s.'),
            ),
        )
        .executeTest(async (server) => {
          // maxRateLimitWaits 0: surface the first 429 instead of waiting Retry-After and trying again.
          const error = await client(server.url, { maxRateLimitWaits: 0 })
            .tenants.list()
            .catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(RateLimitError);
          expect((error as RateLimitError).retryAfterMs).toBe(60_000);
        });
    });
  });
});
