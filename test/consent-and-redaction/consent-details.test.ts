import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath, oid, recordPath } from '../support/contact-routes.js';
import type { Contact, Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';

const AUTHORISED = 'acme-crm';
let client: MockClient;
beforeAll(async () => {
  client = await startMock({ seed: 4, consentRate: 0.5, authorisedIntegrators: [AUTHORISED, 'other-bi'] });
});
afterAll(() => client.close());

function consentDetailsShown(records: readonly Contact[]): boolean[] {
  return records.map((record) => record.ConsentDetails != null);
}

describe.each(CONTACT_ROUTES)('$key reads `$identification`', (route) => {
  const wrong = route.identification === 'integrator' ? 'integration' : 'integrator';

  it('an authorised integrator gets ConsentDetails on consented records only', async () => {
    const response = await client.get<Page<Contact>>(listPath(route, 0, 100, `${route.identification}=${AUTHORISED}`));
    expect(response.headers['x-mock-warning']).toBeUndefined();
    const records = response.body.Data;
    expect(consentDetailsShown(records)).toEqual(records.map((record) => record.ThirdPartyMarketingConsent));
    expect(records.some((record) => record.ConsentDetails)).toBe(true);
    for (const record of records)
      if (record.ConsentDetails) expect(record.ConsentDetails.Purpose).toBe('Third Party Marketing');
  });

  it('the single-record route does the same, with the same details', async () => {
    const list = await client.get<Page<Contact>>(listPath(route, 0, 30, `${route.identification}=${AUTHORISED}`));
    for (const record of list.body.Data.slice(0, 30)) {
      const single = await client.get<Contact>(recordPath(route, record.OID, `${route.identification}=${AUTHORISED}`));
      expect(single.body).toEqual(record);
    }
  });

  it.each([
    ['no identification', ''],
    ['an unknown integrator', `${route.identification}=someone-else`],
    ['a near miss in case', `${route.identification}=${AUTHORISED.toUpperCase()}`],
  ])('%s gets no ConsentDetails', async (_name, query) => {
    const response = await client.get<Page<Contact>>(listPath(route, 0, 100, query));
    expect(consentDetailsShown(response.body.Data).every((shown) => !shown)).toBe(true);
    expect(response.headers['x-mock-warning']).toBeUndefined();
  });

  it(`the other name (${wrong}) is ignored with an X-Mock-Warning, and gives no ConsentDetails`, async () => {
    const list = await client.get<Page<Contact>>(listPath(route, 0, 100, `${wrong}=${AUTHORISED}`));
    expect(list.headers['x-mock-warning']).toContain(wrong);
    expect(list.headers['x-mock-warning']).toContain(route.identification);
    expect(consentDetailsShown(list.body.Data).every((shown) => !shown)).toBe(true);
    const consented = list.body.Data.find((record) => record.ThirdPartyMarketingConsent) as Contact;
    const single = await client.get<Contact>(recordPath(route, consented.OID, `${wrong}=${AUTHORISED}`));
    expect(single.headers['x-mock-warning']).toContain(wrong);
    expect(single.body.ConsentDetails).toBeNull();
  });
});

describe('person contacts', () => {
  it('reads integrator without a warning, and warns about integration', async () => {
    const path = `${BASE}/person/${oid('PER', 1, 4)}/personcontacts`;
    expect((await client.get(`${path}?integrator=${AUTHORISED}`)).headers['x-mock-warning']).toBeUndefined();
    const warned = await client.get(`${path}?integration=${AUTHORISED}`);
    expect(warned.status).toBe(200);
    expect(warned.headers['x-mock-warning']).toContain('integration');
  });
});

it('any unknown query parameter is ignored with a warning naming it', async () => {
  const plain = await client.get(listPath(CONTACT_ROUTES[0]!, 0, 5));
  const noisy = await client.get(listPath(CONTACT_ROUTES[0]!, 0, 5, 'pageSize=50&sort=asc'));
  expect(noisy.text).toBe(plain.text);
  expect(noisy.headers['x-mock-warning']).toContain('pageSize');
  expect(noisy.headers['x-mock-warning']).toContain('sort');
});
