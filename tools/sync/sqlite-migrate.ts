import type Database from 'better-sqlite3';
import { SCHEMA_STEPS, SCHEMA_VERSION } from './sqlite-schema.js';

/** The database cannot be used by this version of the tool; the message says what to do. */
export class SyncDatabaseError extends Error {
  override readonly name = 'SyncDatabaseError';
}

export interface MigrationResult {
  /** The schema the database had: 0 for a new file. */
  readonly from: number;
  readonly to: number;
}

/** The schema version on disk: `user_version`, or 1 for the unversioned databases of 0.x. */
function versionOf(db: Database.Database, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0) return version;
  const tables = (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
  if (tables.length === 0) return 0;
  if (tables.includes('sync_runs') && tables.includes('contacts')) return 1;
  throw new SyncDatabaseError(
    `${path} is not an agentos-contacts sync database (it holds ${tables.slice(0, 5).join(', ')}); ` +
      'give --db a new file name (it is created) or the file of an earlier sync',
  );
}

/**
 * Brings the database to SCHEMA_VERSION, one transaction per step (SQLite's DDL is transactional,
 * so a failed step leaves the previous version whole). A database from a newer tool is refused.
 */
export function migrate(db: Database.Database, path: string): MigrationResult {
  const from = versionOf(db, path);
  if (from > SCHEMA_VERSION) {
    throw new SyncDatabaseError(
      `${path} has sync schema ${from}, written by a newer agentos-contacts than this one (which knows ` +
        `schema ${SCHEMA_VERSION}); upgrade agentos-contacts, or give --db a new file for this version`,
    );
  }
  for (const step of SCHEMA_STEPS) {
    if (step.version <= from) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return { from, to: SCHEMA_VERSION };
}
