/**
 * The local store of a sync, as the steps that build it: a new database runs them all, an older
 * one the steps after its `PRAGMA user_version`, so both end with the same tables. Records are
 * kept as received (JSON) next to the columns a CRM queries by; `seen_run` and `changed_run` say
 * which sync last saw and last changed each row, and `sync_cursors` lets an interrupted run
 * continue where it stopped. A step, once released, never changes: add one instead.
 */
export interface SchemaStep {
  /** The `user_version` the database has after this step. */
  readonly version: number;
  readonly summary: string;
  readonly sql: string;
}

export const SCHEMA_STEPS: readonly SchemaStep[] = [
  {
    version: 1,
    summary: 'runs, cursors, branches, contacts and person roles (agentos-contacts 0.x, which set no user_version)',
    sql: `
CREATE TABLE IF NOT EXISTS sync_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE IF NOT EXISTS sync_cursors (
  run_id INTEGER NOT NULL,
  step TEXT NOT NULL,
  next_offset INTEGER NOT NULL,
  total INTEGER,
  done INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, step)
);
CREATE TABLE IF NOT EXISTS branches (
  oid TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  name TEXT NOT NULL,
  record TEXT NOT NULL,
  seen_run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
  oid TEXT PRIMARY KEY,
  contact_type TEXT NOT NULL,
  person_id TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  etag TEXT NOT NULL,
  consent INTEGER NOT NULL,
  record TEXT NOT NULL,
  seen_run INTEGER NOT NULL,
  changed_run INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS contacts_person ON contacts (person_id);
CREATE TABLE IF NOT EXISTS person_roles (
  person_id TEXT NOT NULL,
  contact_type TEXT NOT NULL,
  oid TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  PRIMARY KEY (person_id, oid)
);
CREATE TABLE IF NOT EXISTS people (
  person_id TEXT PRIMARY KEY,
  roles_run INTEGER NOT NULL
);`,
  },
  {
    version: 2,
    summary: "agentOS's field names: GlobalReference, Forename, Surname, EmailAddress as indexed columns",
    // Columns computed from the stored JSON: nothing to back-fill, `null` and absent read alike,
    // and erasing a withdrawn person's fields from the JSON empties them too. Rows from schema 1
    // carry the old field names (and old OIDs): the next complete sync replaces them all.
    sql: `
ALTER TABLE contacts ADD COLUMN global_reference TEXT GENERATED ALWAYS AS (json_extract(record, '$.GlobalReference')) VIRTUAL;
ALTER TABLE contacts ADD COLUMN forename TEXT GENERATED ALWAYS AS (json_extract(record, '$.Forename')) VIRTUAL;
ALTER TABLE contacts ADD COLUMN surname TEXT GENERATED ALWAYS AS (json_extract(record, '$.Surname')) VIRTUAL;
ALTER TABLE contacts ADD COLUMN email_address TEXT GENERATED ALWAYS AS (json_extract(record, '$.EmailAddress')) VIRTUAL;
ALTER TABLE branches ADD COLUMN email_address TEXT GENERATED ALWAYS AS (json_extract(record, '$.EMailAddress')) VIRTUAL;
CREATE INDEX contacts_branch ON contacts (branch_id);
CREATE INDEX contacts_global_reference ON contacts (global_reference);
CREATE INDEX contacts_email_address ON contacts (email_address);
CREATE INDEX contacts_surname ON contacts (surname, forename);`,
  },
];

/**
 * The personal fields that schema 2 copies into columns. Erasure removes them from the JSON
 * (which empties the columns) together with the client's PERSONAL_DATA_FIELDS, whatever names
 * that list has, so a column never keeps what consent no longer allows.
 */
export const PERSONAL_COLUMN_FIELDS = ['Forename', 'Surname', 'EmailAddress'] as const;

/** The schema this version of the tool writes. */
export const SCHEMA_VERSION = SCHEMA_STEPS.at(-1)?.version ?? 0;
