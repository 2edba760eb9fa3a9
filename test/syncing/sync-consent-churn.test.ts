import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalFieldsPresent, withoutNulls } from '../../src/index.js';
import { runSync, type SyncSummary } from '../../tools/sync/sync-run.js';
import { startMockTarget, type MockTarget } from '../using-the-client/mock-target.js';
import { clientFor, mockRecords, SMALL_AGENCY, storedRecords, tempDb, type TempDb } from './sync-fixture.js';

describe('two syncs over a simulated day with consent churn', () => {
  let target: MockTarget;
  let db: TempDb;
  const runs: SyncSummary[] = [];
  let consentedAfterFirstRun = new Set<string>();
  beforeAll(async () => {
    target = await startMockTarget({ ...SMALL_AGENCY, consentChurn: 0.05, clockFrozen: true });
    db = tempDb();
    const client = clientFor(target);
    const store = db.open();
    try {
      runs.push(await runSync({ client, store, pageSize: 50 }));
      consentedAfterFirstRun = new Set(
        [...storedRecords(store)].filter(([, row]) => row.consent === 1).map(([oid]) => oid),
      );
      await target.control('POST', '/clock', { advance: 'P1D' });
      runs.push(await runSync({ client, store, pageSize: 50 }));
    } finally {
      store.close();
    }
  });
  afterAll(async () => {
    await target.close();
    db.remove();
  });

  it('the first run stores everything, the second only what changed', () => {
    const total = Object.values(SMALL_AGENCY.counts).reduce((sum, count) => sum + count, 0);
    expect(runs[0]).toMatchObject({ changed: total, unchanged: 0, resumed: false, removed: 0 });
    const second = runs[1] as SyncSummary;
    expect(second.changed).toBeGreaterThan(0); // 5% churn flips some people
    expect(second.changed).toBeLessThan(total * 0.2);
    expect(second.changed + second.unchanged).toBe(total);
  });

  it('leaves no personal data of people whose consent is now withdrawn, and matches the mock', async () => {
    const store = db.open();
    const stored = storedRecords(store);
    store.close();
    const live = await mockRecords(clientFor(target));
    expect(stored.size).toBe(live.size);
    let withdrawn = 0;
    for (const [oid, record] of live) {
      const row = stored.get(oid);
      expect(row, oid).toBeDefined();
      if (!record.ThirdPartyMarketingConsent) {
        withdrawn += 1;
        expect(row?.consent, oid).toBe(0);
        expect(personalFieldsPresent(row?.record ?? {}), oid).toEqual([]);
      }
      // What the API says, field for field: a withheld field the API writes as null is erased in
      // the store (--nulls null), and null and absent mean the same to a reader.
      expect(withoutNulls(row?.record ?? {}), oid).toEqual(withoutNulls(record));
    }
    expect(withdrawn).toBeGreaterThan(0);
    // Some of them had consented on day 0: their stored personal data was erased by the second run.
    const withdrawnOvernight = [...live.values()].filter(
      (record) => !record.ThirdPartyMarketingConsent && consentedAfterFirstRun.has(record.OID),
    );
    expect(withdrawnOvernight.length).toBeGreaterThan(0);
  });
});
