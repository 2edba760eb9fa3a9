import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../support/contact-routes.js';
import type { Contact, Page } from '../support/contract-types.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

const CHURN = 0.05;
const RATE = 0.6;
const RECORDS = 10_000;
const settings = {
  seed: 42,
  consentChurn: CHURN,
  consentRate: RATE,
  multiRoleShare: 0, // one role per person: every record is an independent person
  counts: { tenants: RECORDS },
  clockFrozen: true,
};

/** Every tenant, in 10 pages of 1000. */
async function allTenants(client: BehaviourClient, query = ''): Promise<Contact[]> {
  const records: Contact[] = [];
  for (let offset = 0; offset < RECORDS; offset += 1000) {
    const page = await client.get<Page<Contact>>(`${BASE}/tenants/${offset}/1000${query}`);
    expect(page.status).toBe(200);
    records.push(...page.body.Data);
  }
  expect(records).toHaveLength(RECORDS);
  return records;
}

function consentShare(records: readonly Contact[]): number {
  return records.filter((record) => record.ThirdPartyMarketingConsent).length / records.length;
}

describe('consent churn over simulated days', () => {
  let mock: BehaviourClient;
  let days: Contact[][];
  beforeAll(async () => {
    mock = await startBehaviourMock(settings);
    days = [await allTenants(mock)];
    for (let day = 1; day <= 3; day++) {
      expect((await mock.advance('P1D')).day).toBe(day);
      days.push(await allTenants(mock));
    }
  });
  afterAll(() => mock.close());

  it('flips the consent of a share within 2 points of the churn rate, day after day', () => {
    for (let day = 1; day < days.length; day++) {
      const before = days[day - 1] as Contact[];
      const after = days[day] as Contact[];
      const flipped = after.filter(
        (record, index) => record.ThirdPartyMarketingConsent !== before[index]?.ThirdPartyMarketingConsent,
      ).length;
      expect(Math.abs(flipped / RECORDS - CHURN), `day ${day - 1} -> ${day}: ${flipped} flips`).toBeLessThanOrEqual(
        0.02,
      );
      // Not a one-way drift: people withdraw and give consent.
      const given = after.filter(
        (record, index) => record.ThirdPartyMarketingConsent && !before[index]?.ThirdPartyMarketingConsent,
      ).length;
      expect(given).toBeGreaterThan(flipped * 0.25);
      expect(flipped - given).toBeGreaterThan(flipped * 0.25);
    }
  });

  it('keeps the consent share within 2 points of the consent rate every day', () => {
    for (const [day, records] of days.entries()) {
      expect(Math.abs(consentShare(records) - RATE), `day ${day}`).toBeLessThanOrEqual(0.02);
    }
  });

  it('changes a record’s ETag exactly when its visible content changes', () => {
    for (let day = 1; day < days.length; day++) {
      const before = days[day - 1] as Contact[];
      const wrong = (days[day] as Contact[]).filter((record, index) => {
        const old = before[index] as Contact;
        const changed = JSON.stringify(record) !== JSON.stringify(old);
        return (record.ETag !== old.ETag) !== changed;
      });
      expect(
        wrong.map((record) => record.OID),
        `day ${day}`,
      ).toEqual([]);
    }
  });

  it('a flipped record shows its new consent on its own route too, with the list’s ETag', async () => {
    const today = days[days.length - 1] as Contact[];
    const yesterday = days[days.length - 2] as Contact[];
    const flipped = today.filter((record, index) => record.ETag !== yesterday[index]?.ETag).slice(0, 5);
    expect(flipped.length).toBe(5);
    for (const record of flipped) {
      const single = await mock.get<Contact>(`${BASE}/tenants/${record.OID}`);
      expect(single.body).toEqual(record);
    }
  });

  it('going back to day 0 (reset) shows day 0 again', async () => {
    await mock.control('post', '/__mock/reset');
    const page = await mock.get<Page<Contact>>(`${BASE}/tenants/0/1000`);
    expect(page.body.Data).toEqual((days[0] as Contact[]).slice(0, 1000));
  });
});

describe('ETags as an authorised integrator sees the records (ConsentDetails included)', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ ...settings, counts: { tenants: 2000 }, authorisedIntegrators: ['crm'] });
  });
  afterAll(() => mock.close());

  it('a record whose ETag did not change from one day to the next looks exactly the same', async () => {
    const path = `${BASE}/tenants/0/1000?integrator=crm`;
    const before = (await mock.get<Page<Contact>>(path)).body.Data;
    expect(before.some((record) => record.ConsentDetails !== undefined)).toBe(true);
    await mock.advance('P1D');
    const after = (await mock.get<Page<Contact>>(path)).body.Data;
    const changedUnderSameETag = after.flatMap((record, index) => {
      const old = before[index] as Contact;
      const same = record.ETag === old.ETag && JSON.stringify(record) !== JSON.stringify(old);
      return same ? [{ OID: record.OID, ETag: record.ETag, was: old.ConsentDetails, now: record.ConsentDetails }] : [];
    });
    expect(changedUnderSameETag).toEqual([]);
  });
});

describe('churn is a function of (seed, person, day)', () => {
  let first: BehaviourClient;
  let second: BehaviourClient;
  let other: BehaviourClient;
  beforeAll(async () => {
    [first, second, other] = await Promise.all([
      startBehaviourMock(settings),
      startBehaviourMock(settings),
      startBehaviourMock({ ...settings, seed: 43 }),
    ]);
  });
  afterAll(() => Promise.all([first.close(), second.close(), other.close()]));

  it('two fresh servers with the same seed show the same consent on day 3, however they got there', async () => {
    await first.advance('P3D');
    for (let day = 0; day < 3; day++) {
      await second.get(`${BASE}/tenants/0/1000`); // read on the way, in steps of a day
      await second.advance('P1D');
    }
    const path = `${BASE}/tenants/2000/1000`;
    const [a, b] = [await first.get(path), await second.get(path)];
    expect(a.status).toBe(200);
    expect(a.text).toBe(b.text);
  });

  it('another seed churns other people', async () => {
    await Promise.all([first.control('post', '/__mock/reset'), other.control('post', '/__mock/reset')]);
    const flipsOf = async (client: BehaviourClient): Promise<string[]> => {
      const before = (await client.get<Page<Contact>>(`${BASE}/tenants/0/1000`)).body.Data;
      await client.advance('P1D');
      const after = (await client.get<Page<Contact>>(`${BASE}/tenants/0/1000`)).body.Data;
      return after.filter((record, index) => record.ETag !== before[index]?.ETag).map((record) => record.OID);
    };
    const [a, b] = [await flipsOf(first), await flipsOf(other)];
    expect(a.length).toBeGreaterThan(10);
    expect(b.length).toBeGreaterThan(10);
    expect(a).not.toEqual(b);
  });

  it('without churn, consent does not change over days', async () => {
    const still = await startBehaviourMock({ ...settings, consentChurn: 0 });
    try {
      const before = (await still.get(`${BASE}/tenants/0/1000`)).text;
      await still.advance('P30D');
      expect((await still.get(`${BASE}/tenants/0/1000`)).text).toBe(before);
    } finally {
      await still.close();
    }
  });
});
