import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_TYPE_KEYS, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { DataSet } from '../../fixtures/data-set.js';
import { buildFakerPools } from '../../fixtures/records/faker-pools.js';
import { CONTACT_ROUTES, listPath } from '../support/contact-routes.js';
import type { Contact, Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';

const RECORDS = 10_000;
const TOLERANCE = 0.02;
const COUNTS = Object.fromEntries(CONTACT_TYPE_KEYS.map((key) => [key, RECORDS])) as Record<ContactTypeKey, number>;
// 2 points is about 4 standard deviations of a 10,000-record share: a fixed fast-check seed keeps
// the drawn cases (and so the test) reproducible rather than failing once in a few hundred runs.
const STATISTICAL = { numRuns: 25, seed: 20_240_229 };

function observedShares(seed: number, rates: Record<ContactTypeKey, number>, multiRoleShare: number) {
  const data = new DataSet(
    { seed, counts: COUNTS, branches: 6, consentRates: rates, multiRoleShare },
    buildFakerPools(seed),
  );
  return CONTACT_TYPE_KEYS.map((type) => {
    let consented = 0;
    for (let index = 0; index < RECORDS; index++) if (data.isConsented(type, index)) consented++;
    return { type, share: consented / RECORDS, rate: rates[type] };
  });
}

describe('observed consent share over 10,000 records (fixtures)', () => {
  it('is within 2 points of one overall rate, at any multi-role share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (seed, rate, multiRoleShare) => {
          const rates = Object.fromEntries(CONTACT_TYPE_KEYS.map((key) => [key, rate])) as Record<
            ContactTypeKey,
            number
          >;
          for (const { share } of observedShares(seed, rates, multiRoleShare)) {
            expect(Math.abs(share - rate)).toBeLessThanOrEqual(TOLERANCE);
          }
        },
      ),
      STATISTICAL,
    );
  });

  // Consent is per person, so a multi-role person's one answer counts for several types: widely
  // different per-type rates cannot all be met once many people share roles. These bounds stay
  // where they can (rates 0.1-0.9, multi-role share up to the default 0.1).
  it('is within 2 points of each per-type rate (consentRates)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (seed, perType, multiRoleShare) => {
          const rates = Object.fromEntries(CONTACT_TYPE_KEYS.map((key, i) => [key, perType[i] as number])) as Record<
            ContactTypeKey,
            number
          >;
          for (const { share, rate } of observedShares(seed, rates, multiRoleShare)) {
            expect(Math.abs(share - rate)).toBeLessThanOrEqual(TOLERANCE);
          }
        },
      ),
      STATISTICAL,
    );
  });
});

describe('observed consent share over HTTP: 10 pages of 1000', () => {
  let client: MockClient;
  beforeAll(async () => {
    client = await startMock({
      seed: 31,
      consentRate: 0.7,
      consentRates: { landlords: 0.25 },
      counts: { tenants: RECORDS, landlords: RECORDS, lettingsApplicants: 100, salesApplicants: 100, vendors: 100 },
    });
  });
  afterAll(() => client.close());

  it.each([
    { route: CONTACT_ROUTES[0]!, rate: 0.7 },
    { route: CONTACT_ROUTES[1]!, rate: 0.25 },
  ])('$route.key: share within 2 points of $rate', async ({ route, rate }) => {
    let consented = 0;
    let seen = 0;
    for (let page = 0; page < 10; page++) {
      const { body } = await client.get<Page<Contact>>(listPath(route, page * 1000, 1000));
      expect(body.Data).toHaveLength(1000);
      seen += body.Data.length;
      consented += body.Data.filter((record) => record.ThirdPartyMarketingConsent).length;
    }
    expect(seen).toBe(RECORDS);
    expect(Math.abs(consented / RECORDS - rate)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('withheld: omit counts exactly the consented records, at the same share', async () => {
    const omit = await startMock({ ...client.mock.options, withheld: 'omit' });
    try {
      for (const [route, rate] of [
        [CONTACT_ROUTES[0]!, 0.7],
        [CONTACT_ROUTES[1]!, 0.25],
      ] as const) {
        const { body } = await omit.get<Page<Contact>>(listPath(route, 0, 1));
        expect(Math.abs(body.Count / RECORDS - rate)).toBeLessThanOrEqual(TOLERANCE);
      }
    } finally {
      await omit.close();
    }
  });
});
