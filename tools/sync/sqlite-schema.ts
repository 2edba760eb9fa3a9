/**
 * The local store of a sync. Records are kept as received (JSON) next to the columns a CRM
 * queries by; `seen_run` and `changed_run` say which sync last saw and last changed each row,
 * and `sync_cursors` lets an interrupted run continue where it stopped.
 */
export const SCHEMA = `
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
);
`;
