import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_FIELDS, personalFieldsPresent, type ContactRecord } from '../../src/index.js';
import { SqliteStore } from '../../tools/sync/sqlite-store.js';

const consented = (oid: string, person: string): ContactRecord =>
  ({
    OID: oid,
    PersonID: person,
    BranchID: 'BRA-0000000000',
    ETag: `${oid.slice(-4)}000000000001`.padStart(16, 'a'),
    ThirdPartyMarketingConsent: true,
    ConsentDetails: { Purpose: 'Third Party Marketing', DateGiven: '2025-01-01', Source: 'Email' },
    CreatedDate: '2024-01-01',
    // Whatever the contract calls its personal fields, each holds a value here.
    ...Object.fromEntries(PERSONAL_DATA_FIELDS.map((field) => [field, `${field} of ${person}`])),
    Status: 'Current',
    TenancyStartDate: '2024-02-01',
    IsLeadTenant: true,
  }) as unknown as ContactRecord;

const withdrawn = (record: ContactRecord): ContactRecord => {
  const copy: Record<string, unknown> = { ...record, ThirdPartyMarketingConsent: false, ETag: 'ffffffffffffffff' };
  for (const field of ['ConsentDetails', ...PERSONAL_DATA_FIELDS]) delete copy[field];
  return copy as unknown as ContactRecord;
};

describe('SqliteStore: withdrawals are respected at once', () => {
  const open = () => {
    const store = new SqliteStore(':memory:');
    return { store, run: store.beginRun().runId };
  };
  const row = (store: SqliteStore, oid: string) =>
    store.db.prepare('SELECT consent, etag, record FROM contacts WHERE oid = ?').get(oid) as {
      consent: number;
      etag: string;
      record: string;
    };

  it('erases the personal data of every stored role of a person as soon as one role shows the withdrawal', () => {
    const { store, run } = open();
    const tenant = consented('TEN-0000000001', 'PER-0000000001');
    const landlord = consented('LAN-0000000001', 'PER-0000000001');
    store.saveContactPage(run, 'tenants', 't', [tenant], { nextOffset: 1, total: 1, done: true });
    store.saveContactPage(run, 'landlords', 'l', [landlord], { nextOffset: 1, total: 1, done: true });
    const result = store.saveContactPage(run, 'tenants', 't2', [withdrawn(tenant)], {
      nextOffset: 1,
      total: 1,
      done: true,
    });
    expect(result.erased).toBe(1); // the landlord role, not yet listed again
    const erased = row(store, 'LAN-0000000001');
    expect(erased.consent).toBe(0);
    expect(erased.etag).toBe(''); // so it is stored in full again if consent comes back
    expect(Object.keys(JSON.parse(erased.record)).sort()).toEqual(
      [
        'BranchID',
        'CreatedDate',
        'IsLeadTenant',
        'OID',
        'PersonID',
        'Status',
        'TenancyStartDate',
        'ETag',
        'ThirdPartyMarketingConsent',
      ].sort(),
    );
    store.close();
  });

  it('never stores personal fields of a record without consent, even if the server sent them', () => {
    const { store, run } = open();
    const leaky = { ...consented('TEN-0000000002', 'PER-0000000002'), ThirdPartyMarketingConsent: false };
    store.saveContactPage(run, 'tenants', 't', [leaky as ContactRecord], { nextOffset: 1, total: 1, done: true });
    const record = JSON.parse(row(store, 'TEN-0000000002').record) as Record<string, unknown>;
    expect(personalFieldsPresent(record)).toEqual([]);
    expect(record.ConsentDetails).toBeUndefined();
    store.close();
  });

  it('upserts by OID and ETag: the same ETag changes nothing', () => {
    const { store, run } = open();
    const tenant = consented('TEN-0000000003', 'PER-0000000003');
    const first = store.saveContactPage(run, 'tenants', 't', [tenant], { nextOffset: 1, total: 1, done: true });
    const again = store.saveContactPage(run, 'tenants', 't', [tenant], { nextOffset: 1, total: 1, done: true });
    expect([first.changed, again.changed, again.unchanged]).toEqual([1, 0, 1]);
    store.close();
  });
});
