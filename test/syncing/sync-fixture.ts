import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContactsClient, type ContactRecord, type ContactsClient } from '../../src/index.js';
import { SqliteStore } from '../../tools/sync/sqlite-store.js';
import { SYNC_TYPES } from '../../tools/sync/sync-run.js';
import { TEST_KEY, type MockTarget } from '../using-the-client/mock-target.js';

/** A small agency: several branches, some people in several roles. */
export const SMALL_AGENCY = {
  counts: { tenants: 240, landlords: 90, lettingsApplicants: 120, salesApplicants: 60, vendors: 45 },
  branches: 3,
  multiRoleShare: 0.2,
  seed: 7,
} as const;

export function clientFor(target: MockTarget): ContactsClient {
  // No server limit in these tests: the client's window is set wide so they run fast.
  return createContactsClient({
    baseUrl: target.baseUrl,
    apiKey: TEST_KEY,
    shortName: 'demo',
    integrator: 'sync-test',
    rateLimit: { requests: 10_000, windowMs: 1000 },
  });
}

export interface TempDb {
  readonly path: string;
  open(): SqliteStore;
  remove(): void;
}

export function tempDb(name = 'contacts.sqlite'): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'agentos-sync-'));
  return {
    path: join(dir, name),
    open: () => new SqliteStore(join(dir, name)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every contact the API lists now, by OID (no branch filter: an independent read). */
export async function mockRecords(client: ContactsClient): Promise<Map<string, ContactRecord>> {
  const records = new Map<string, ContactRecord>();
  for (const type of SYNC_TYPES) {
    for await (const record of client[type].all({ pageSize: 1000 })) records.set(record.OID, record as ContactRecord);
  }
  return records;
}

/** The stored contacts, parsed, by OID. */
export function storedRecords(store: SqliteStore): Map<string, { consent: number; record: ContactRecord }> {
  const rows = store.db.prepare('SELECT oid, consent, record FROM contacts ORDER BY oid').all() as Array<{
    oid: string;
    consent: number;
    record: string;
  }>;
  return new Map(rows.map((row) => [row.oid, { consent: row.consent, record: JSON.parse(row.record) }]));
}

/** A comparable dump of what a sync leaves (contacts and roles), without run bookkeeping. */
export function dump(store: SqliteStore): unknown {
  return {
    branches: store.db.prepare('SELECT oid, etag, record FROM branches ORDER BY oid').all(),
    contacts: store.db
      .prepare('SELECT oid, contact_type, person_id, branch_id, etag, consent, record FROM contacts ORDER BY oid')
      .all(),
    roles: store.db.prepare('SELECT * FROM person_roles ORDER BY person_id, oid').all(),
  };
}
