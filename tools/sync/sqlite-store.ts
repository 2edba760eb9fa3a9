import Database from 'better-sqlite3';
import { PERSONAL_DATA_FIELDS } from '../../src/personal-data-fields.js';
import type { Branch, ContactRecord, PersonContact } from '../../src/contract-types.js';
import type { ContactTypeKey } from '../../src/resources/contacts.js';
import { given } from '../../src/empty-values.js';
import { migrate, type MigrationResult } from './sqlite-migrate.js';
import { PERSONAL_COLUMN_FIELDS } from './sqlite-schema.js';

/**
 * The `ContactType` names of the API, by the client's resource names. The sync tool depends on the
 * client alone (not on the mock's fixtures), so it keeps its own table; the compiler holds it to
 * the client's resources and to the contract's ContactType values.
 */
export const CONTACT_TYPE_NAMES = {
  tenants: 'Tenant',
  landlords: 'Landlord',
  lettingsApplicants: 'LettingsApplicant',
  salesApplicants: 'SalesApplicant',
  vendors: 'Vendor',
} as const satisfies Record<ContactTypeKey, PersonContact['ContactType']>;

export type PersonRolesMode = 'multi' | 'all' | 'none';

export interface Cursor {
  readonly nextOffset: number;
  readonly total: number | undefined;
  readonly done: boolean;
}

export interface PageResult {
  readonly changed: number;
  readonly unchanged: number;
  /** Stored records of other roles whose personal data was erased because consent was withdrawn. */
  readonly erased: number;
}

// Consent details describe a consent that no longer holds, so they go with the personal data.
const ERASED_FIELDS = [...new Set<string>([...PERSONAL_DATA_FIELDS, ...PERSONAL_COLUMN_FIELDS, 'ConsentDetails'])];
const ERASED_PATHS = ERASED_FIELDS.map((field) => `'$.${field}'`).join(', ');

/** A copy without anything personal: what is kept of a person without consent. */
function withoutErasedFields(record: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of ERASED_FIELDS) delete copy[field];
  return copy;
}

/**
 * better-sqlite3 is synchronous: each page is written in one transaction together with its
 * cursor, so an interrupt between pages leaves a consistent database that the next run resumes.
 */
export class SqliteStore {
  readonly db: Database.Database;
  /** The schema the file had when opened, and the one it has now (sqlite-schema.ts). */
  readonly migration: MigrationResult;

  /** Opens (or creates) the database and brings its schema up to date; throws SyncDatabaseError when it cannot. */
  constructor(path: string) {
    this.db = new Database(path);
    try {
      this.migration = migrate(this.db, path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** Continues the last run when it did not finish; otherwise starts a new one. */
  beginRun(): { runId: number; resumed: boolean } {
    const last = this.db.prepare('SELECT id, finished_at FROM sync_runs ORDER BY id DESC LIMIT 1').get() as
      { id: number; finished_at: string | null } | undefined;
    if (last && last.finished_at === null) return { runId: last.id, resumed: true };
    const info = this.db.prepare('INSERT INTO sync_runs (started_at) VALUES (?)').run(new Date().toISOString());
    return { runId: Number(info.lastInsertRowid), resumed: false };
  }

  cursor(runId: number, step: string): Cursor {
    const row = this.db
      .prepare('SELECT next_offset, total, done FROM sync_cursors WHERE run_id = ? AND step = ?')
      .get(runId, step) as { next_offset: number; total: number | null; done: number } | undefined;
    return { nextOffset: row?.next_offset ?? 0, total: row?.total ?? undefined, done: row?.done === 1 };
  }

  saveBranches(runId: number, branches: readonly Branch[]): void {
    const upsert = this.db.prepare(`
      INSERT INTO branches (oid, etag, name, record, seen_run) VALUES (@oid, @etag, @name, @record, @run)
      ON CONFLICT (oid) DO UPDATE SET etag = excluded.etag, name = excluded.name, record = excluded.record,
        seen_run = excluded.seen_run`);
    this.db.transaction(() => {
      for (const branch of branches) {
        upsert.run({
          oid: branch.OID,
          etag: branch.ETag,
          name: given(branch.Name) ?? '',
          record: JSON.stringify(branch),
          run: runId,
        });
      }
    })();
  }

  /** Upserts one page of contacts by OID and ETag, erases withdrawn people, and moves the cursor. */
  saveContactPage(
    runId: number,
    type: keyof typeof CONTACT_TYPE_NAMES,
    step: string,
    records: readonly ContactRecord[],
    cursor: Cursor,
  ): PageResult {
    const upsert = this.db.prepare(`
      INSERT INTO contacts (oid, contact_type, person_id, branch_id, etag, consent, record, seen_run, changed_run)
      VALUES (@oid, @type, @person, @branch, @etag, @consent, @record, @run, @run)
      ON CONFLICT (oid) DO UPDATE SET contact_type = excluded.contact_type, person_id = excluded.person_id,
        branch_id = excluded.branch_id, etag = excluded.etag, consent = excluded.consent, record = excluded.record,
        seen_run = excluded.seen_run, changed_run = excluded.changed_run
      WHERE contacts.etag <> excluded.etag`);
    const seen = this.db.prepare('UPDATE contacts SET seen_run = ? WHERE oid = ?');
    const role = this.db.prepare(
      'INSERT OR REPLACE INTO person_roles (person_id, contact_type, oid, branch_id) VALUES (?, ?, ?, ?)',
    );
    // The ETag is cleared too, so the record is fetched in full again if consent returns.
    const erase = this.db.prepare(`
      UPDATE contacts SET record = json_remove(record, ${ERASED_PATHS}), consent = 0, etag = ''
      WHERE person_id = ? AND consent = 1`);
    const saveCursor = this.db.prepare(`
      INSERT OR REPLACE INTO sync_cursors (run_id, step, next_offset, total, done) VALUES (?, ?, ?, ?, ?)`);
    return this.db.transaction((): PageResult => {
      let changed = 0;
      let erased = 0;
      const withdrawn = new Set<string>();
      for (const record of records) {
        const consent = record.ThirdPartyMarketingConsent;
        // Belt and braces: nothing personal is stored for a person without consent, whatever was sent.
        const kept = consent ? record : withoutErasedFields(record);
        const info = upsert.run({
          oid: record.OID,
          type: CONTACT_TYPE_NAMES[type],
          person: record.PersonID,
          branch: record.BranchID,
          etag: record.ETag,
          consent: consent ? 1 : 0,
          record: JSON.stringify(kept),
          run: runId,
        });
        if (info.changes > 0) changed += 1;
        else seen.run(runId, record.OID);
        role.run(record.PersonID, CONTACT_TYPE_NAMES[type], record.OID, record.BranchID);
        if (!consent) withdrawn.add(record.PersonID);
      }
      // Respect withdrawals at once: the person's other roles may have been stored with consent.
      for (const person of withdrawn) erased += erase.run(person).changes;
      saveCursor.run(runId, step, cursor.nextOffset, cursor.total ?? null, cursor.done ? 1 : 0);
      return { changed, unchanged: records.length - changed, erased };
    })();
  }

  /** People whose records changed in this run and whose roles this run has not read yet. */
  peopleNeedingRoles(runId: number, mode: PersonRolesMode): string[] {
    if (mode === 'none') return [];
    const rows = this.db
      .prepare(
        `SELECT c.person_id AS person FROM contacts c LEFT JOIN people p ON p.person_id = c.person_id
         GROUP BY c.person_id
         HAVING max(c.changed_run) = @run AND coalesce(max(p.roles_run), 0) < @run AND count(*) >= @min
         ORDER BY c.person_id`,
      )
      .all({ run: runId, min: mode === 'multi' ? 2 : 1 }) as Array<{ person: string }>;
    return rows.map((row) => row.person);
  }

  /** Replaces a person's roles with the API's answer. */
  saveRoles(runId: number, personId: string, roles: readonly PersonContact[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM person_roles WHERE person_id = ?').run(personId);
      const insert = this.db.prepare(
        'INSERT OR REPLACE INTO person_roles (person_id, contact_type, oid, branch_id) VALUES (?, ?, ?, ?)',
      );
      for (const role of roles) insert.run(personId, role.ContactType, role.OID, role.BranchID);
      this.db.prepare('INSERT OR REPLACE INTO people (person_id, roles_run) VALUES (?, ?)').run(personId, runId);
    })();
  }

  /** After a complete run: drops what the API no longer lists, and closes the run. */
  finishRun(runId: number): { removed: number } {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM contacts WHERE seen_run < ?').run(runId).changes;
      this.db.prepare('DELETE FROM branches WHERE seen_run < ?').run(runId);
      this.db.prepare('DELETE FROM person_roles WHERE oid NOT IN (SELECT oid FROM contacts)').run();
      this.db.prepare('DELETE FROM sync_cursors WHERE run_id = ?').run(runId);
      this.db.prepare('UPDATE sync_runs SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
      return { removed };
    })();
  }

  close(): void {
    this.db.close();
  }
}
