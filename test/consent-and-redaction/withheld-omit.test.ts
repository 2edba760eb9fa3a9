import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath, oid } from '../support/contact-routes.js';

const SEED = 21;
import type { Contact, Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { fetchAll } from '../support/page-walker.js';

// Sizes cross the consent index's 1024-record blocks and leave partial ones.
const settings = {
  seed: SEED,
  consentRate: 0.45,
  branches: 5,
  counts: { tenants: 2600, landlords: 1100, lettingsApplicants: 700, salesApplicants: 1030, vendors: 90 },
};
let redact: MockClient;
let omit: MockClient;
beforeAll(async () => {
  [redact, omit] = await Promise.all([startMock(settings), startMock({ ...settings, withheld: 'omit' })]);
});
afterAll(() => Promise.all([redact.close(), omit.close()]));

describe.each(CONTACT_ROUTES)('$key with withheld: omit', (route) => {
  it('paging through every page yields exactly the consented records of redact mode, in order', async () => {
    const all = await fetchAll<Contact>(redact, (offset, count) => listPath(route, offset, count), 1000);
    const consented = all.records.filter((record) => record.ThirdPartyMarketingConsent);
    const shown = await fetchAll<Contact>(omit, (offset, count) => listPath(route, offset, count), 137);
    expect(shown.count).toBe(consented.length);
    expect(shown.records).toEqual(consented);
  });

  it('within each branch too', async () => {
    for (const branch of [0, 2, 4].map((index) => oid('BRA', index, SEED))) {
      const query = `branchID=${branch}`;
      const all = await fetchAll<Contact>(redact, (offset, count) => listPath(route, offset, count, query), 1000);
      const shown = await fetchAll<Contact>(omit, (offset, count) => listPath(route, offset, count, query), 61);
      expect(shown.records).toEqual(all.records.filter((record) => record.ThirdPartyMarketingConsent));
    }
  });

  it('a page at any offset is the matching slice, and past the end is empty with the consented Count', async () => {
    const all = await fetchAll<Contact>(omit, (offset, count) => listPath(route, offset, count), 1000);
    for (const offset of [1, 17, Math.floor(all.count / 2), all.count - 1]) {
      const page = await omit.get<Page<Contact>>(listPath(route, offset, 25));
      expect(page.body.Data).toEqual(all.records.slice(offset, offset + 25));
    }
    const past = await omit.get<Page<Contact>>(listPath(route, all.count, 25));
    expect(past.body).toEqual({ Count: all.count, Data: [] });
  });
});

it('omit mode leaves branches alone', async () => {
  const path = `${BASE}/company/branches/0/10`;
  expect((await omit.get(path)).text).toBe((await redact.get(path)).text);
});
