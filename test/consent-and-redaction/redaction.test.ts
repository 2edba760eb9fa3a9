import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_ROUTES, listPath, recordPath } from '../support/contact-routes.js';
import type { Contact, Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { personalDataPaths, presentPersonalData, withoutPersonalData } from '../support/personal-data-paths.js';

// The same seed with everyone consenting and with no one consenting: one record, both readings.
let everyone: MockClient;
let nobody: MockClient;
let mixed: MockClient;
beforeAll(async () => {
  [everyone, nobody, mixed] = await Promise.all([
    startMock({ seed: 3, consentRate: 1 }),
    startMock({ seed: 3, consentRate: 0 }),
    startMock({ seed: 3, consentRate: 0.5 }),
  ]);
});
afterAll(() => Promise.all([everyone, nobody, mixed].map((client) => client.close())));

describe.each(CONTACT_ROUTES)('$key', (route) => {
  const marked = personalDataPaths(route.schema);

  it('the contract marks personal data on this schema', () => {
    expect(marked.map((path) => path.join('.'))).toEqual(
      expect.arrayContaining(['Forename', 'Surname', 'EmailAddress']),
    );
  });

  it('without consent every marked field is null and the rest of the record stays', async () => {
    const full = await everyone.get<Page<Contact>>(listPath(route, 100, 200));
    const redacted = await nobody.get<Page<Contact>>(listPath(route, 100, 200));
    expect(redacted.body.Count).toBe(full.body.Count);
    expect(full.body.Data).toHaveLength(200);
    full.body.Data.forEach((record, position) => {
      const shown = redacted.body.Data[position] as Contact;
      expect(record.ThirdPartyMarketingConsent).toBe(true);
      expect(shown.ThirdPartyMarketingConsent).toBe(false);
      expect(presentPersonalData(shown, marked)).toEqual([]);
      // The ETag is the revision of what the reader sees, so it changes with redaction.
      expect(shown.ETag).not.toBe(record.ETag);
      const revisionAndConsent = { ETag: '', ThirdPartyMarketingConsent: false };
      expect({ ...shown, ...revisionAndConsent }).toEqual({
        ...withoutPersonalData(record, marked),
        ...revisionAndConsent,
      });
    });
  });

  it('with consent the marked fields are there: each appears on some record, names on all', async () => {
    const { body } = await everyone.get<Page<Contact>>(listPath(route, 0, 300));
    const seen = new Set(body.Data.flatMap((record) => presentPersonalData(record, marked)));
    expect([...seen].sort()).toEqual(marked.map((path) => path.join('.')).sort());
    for (const record of body.Data) {
      expect(presentPersonalData(record, marked)).toEqual(
        expect.arrayContaining(['Forename', 'Surname', 'EmailAddress']),
      );
    }
  });

  it('in a mixed data set, each record follows its own consent, in lists and single reads', async () => {
    const { body } = await mixed.get<Page<Contact>>(listPath(route, 0, 200));
    const consenting = body.Data.filter((record) => record.ThirdPartyMarketingConsent);
    expect(consenting.length).toBeGreaterThan(40);
    expect(consenting.length).toBeLessThan(160);
    for (const record of body.Data) {
      const present = presentPersonalData(record, marked);
      if (record.ThirdPartyMarketingConsent) expect(present.length).toBeGreaterThan(0);
      else expect(present).toEqual([]);
      expect(record.ConsentDetails).toBeNull();
    }
    for (const record of body.Data.slice(0, 20)) {
      const single = await mixed.get<Contact>(recordPath(route, record.OID));
      expect(single.body).toEqual(record);
    }
  });
});
