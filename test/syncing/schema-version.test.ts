import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../src/index.js';
import { SyncDatabaseError } from '../../tools/sync/sqlite-migrate.js';
import { SCHEMA_VERSION } from '../../tools/sync/sqlite-schema.js';
import { SqliteStore } from '../../tools/sync/sqlite-store.js';
import { runSync } from '../../tools/sync/sync-run.js';
import { startMockTarget, type MockTarget } from '../using-the-client/mock-target.js';
import { BUILT_CLI, REPO_ROOT } from '../support/cli-process.js';
import { SCHEMA_V1 } from './fixtures/schema-v1.js';
import { clientFor, tempDb, type TempDb } from './sync-fixture.js';

let db: TempDb | undefined;
let target: MockTarget | undefined;
afterEach(async () => {
  db?.remove();
  db = undefined;
  await target?.close();
  target = undefined;
});

/** A database as agentos-contacts 0.x left it: schema 1, one finished run, one tenant in the old shape. */
function versionOneDatabase(): TempDb {
  const file = tempDb();
  const old = new Database(file.path);
  old.exec(SCHEMA_V1);
  old.prepare("INSERT INTO sync_runs (id, started_at, finished_at) VALUES (1, '2026-01-01', '2026-01-01')").run();
  old
    .prepare(
      `INSERT INTO contacts (oid, contact_type, person_id, branch_id, etag, consent, record, seen_run, changed_run)
       VALUES ('TEN-0000099999', 'Tenant', 'PER-0000000001', 'BRA-0000000000', 'e1', 1, ?, 1, 1)`,
    )
    .run(JSON.stringify({ OID: 'TEN-0000099999', Email: 'old@example.com', Address: { Town: 'Bath' } }));
  old.close();
  return file;
}

const columns = (store: SqliteStore, table: string): string[] =>
  (store.db.prepare(`SELECT name FROM pragma_table_xinfo('${table}') ORDER BY cid`).all() as { name: string }[]).map(
    (row) => row.name,
  );
const indexes = (store: SqliteStore): string[] =>
  (
    store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

const tenant = (consent: boolean): ContactRecord =>
  ({
    OID: '0004-f421-2742-3f00',
    PersonID: '0004-f421-2742-3f01',
    BranchID: '0004-f421-2742-3f02',
    ETag: consent ? 'etag-1' : 'etag-2',
    GlobalReference: 'TEN000123',
    ThirdPartyMarketingConsent: consent,
    ...(consent
      ? { Forename: 'Ada', Surname: 'Lovelace', EmailAddress: 'ada@example.com', ConsentDetails: {} }
      : { Forename: null, Surname: null, EmailAddress: null, ConsentDetails: null }),
  }) as unknown as ContactRecord;

describe('the sync database carries its schema version (PRAGMA user_version)', () => {
  it('a new file gets the current schema', () => {
    db = tempDb();
    const store = db.open();
    expect(store.migration).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    store.close();
  });

  it('a schema 1 database (today’s 0.x files) is migrated: rows kept, the same tables as a new file', () => {
    db = versionOneDatabase();
    const migrated = db.open();
    expect(migrated.migration).toEqual({ from: 1, to: SCHEMA_VERSION });
    const fresh = new SqliteStore(':memory:');
    for (const table of ['sync_runs', 'sync_cursors', 'branches', 'contacts', 'person_roles', 'people'])
      expect(columns(migrated, table), table).toEqual(columns(fresh, table));
    expect(indexes(migrated)).toEqual(indexes(fresh));
    expect(migrated.db.prepare('SELECT oid, email_address FROM contacts').all()).toEqual([
      { oid: 'TEN-0000099999', email_address: null }, // old field names: replaced by the next full sync
    ]);
    fresh.close();
    migrated.close();
    // Opening again is a no-op.
    const again = db.open();
    expect(again.migration).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    again.close();
  });

  it('the new columns read agentOS’s fields, null and absent alike, and erasure empties them', () => {
    const store = new SqliteStore(':memory:');
    const run = store.beginRun().runId;
    const cursor = { nextOffset: 1, total: 1, done: true };
    const query = store.db.prepare(
      'SELECT global_reference, forename, surname, email_address, record FROM contacts WHERE email_address = ?',
    );
    store.saveContactPage(run, 'tenants', 't', [tenant(true)], cursor);
    expect(query.get('ada@example.com')).toMatchObject({
      global_reference: 'TEN000123',
      forename: 'Ada',
      surname: 'Lovelace',
    });
    store.saveContactPage(run, 'tenants', 't', [tenant(false)], cursor);
    const row = store.db
      .prepare('SELECT global_reference, forename, surname, email_address, record FROM contacts')
      .get() as {
      record: string;
    };
    expect(row).toMatchObject({ global_reference: 'TEN000123', forename: null, surname: null, email_address: null });
    expect(Object.keys(JSON.parse(row.record)).sort()).toEqual(
      ['BranchID', 'ETag', 'GlobalReference', 'OID', 'PersonID', 'ThirdPartyMarketingConsent'].sort(),
    );
    store.close();
  });

  it('a migrated database syncs: the old rows go at the end of the first complete run', async () => {
    db = versionOneDatabase();
    target = await startMockTarget({
      counts: { tenants: 20, landlords: 5, lettingsApplicants: 5, salesApplicants: 5, vendors: 5 },
      branches: 2,
    });
    const store = db.open();
    const summary = await runSync({ client: clientFor(target), store, personRoles: 'none' });
    expect(summary.removed).toBe(1);
    expect(store.db.prepare("SELECT count(*) AS n FROM contacts WHERE oid = 'TEN-0000099999'").get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 40 });
    store.close();
  });

  it.each([
    {
      name: 'a database from a newer agentos-contacts',
      make: (old: Database.Database) => old.pragma('user_version = 99'),
      says: /has sync schema 99, written by a newer agentos-contacts .*; upgrade agentos-contacts, or give --db a new file/,
    },
    {
      name: 'a SQLite file that is no sync database',
      make: (old: Database.Database) => old.exec('CREATE TABLE invoices (id INTEGER)'),
      says: /is not an agentos-contacts sync database \(it holds invoices\); give --db a new file name/,
    },
  ])('$name is refused, untouched, with what to do', ({ make, says }) => {
    db = tempDb();
    const old = new Database(db.path);
    make(old);
    const before = old.pragma('user_version', { simple: true });
    old.close();
    expect(() => db?.open()).toThrow(SyncDatabaseError);
    expect(() => db?.open()).toThrow(says);
    const after = new Database(db.path);
    expect(after.pragma('user_version', { simple: true })).toBe(before);
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'contacts'").get()).toEqual({ n: 0 });
    after.close();
  });

  it('the sync command exits 2 on a refused database, before any request', async () => {
    db = tempDb();
    const old = new Database(db.path);
    old.pragma('user_version = 99');
    old.close();
    const failed = await promisify(execFile)(process.execPath, [join(REPO_ROOT, BUILT_CLI), 'sync', '--db', db.path], {
      env: {
        ...process.env,
        AGENTOS_BASE_URL: 'http://127.0.0.1:9',
        AGENTOS_API_KEY: 'k',
        AGENTOS_SHORTNAME: 'demo',
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^error: .* has sync schema 99.*upgrade agentos-contacts/m);
    expect(failed.stderr).not.toMatch(/network error/);
  });
});
