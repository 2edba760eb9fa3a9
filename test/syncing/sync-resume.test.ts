import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '../../tools/sync/sync-run.js';
import type { SyncProgress } from '../../tools/sync/sync-progress.js';
import { startMockTarget, type MockTarget } from '../using-the-client/mock-target.js';
import { clientFor, dump, tempDb, SMALL_AGENCY, type TempDb } from './sync-fixture.js';

/** A progress hook that aborts the sync after `pages` requests, like Ctrl-C mid-run. */
function interruptAfter(pages: number, controller: AbortController): SyncProgress {
  let done = 0;
  return {
    plan: () => undefined,
    log: () => undefined,
    stop: () => undefined,
    advance: () => {
      if (++done === pages) controller.abort(new Error('SIGINT'));
    },
  };
}

describe('an interrupted sync resumes, and ends where a clean run does', () => {
  let target: MockTarget;
  const dbs: TempDb[] = [];
  beforeAll(async () => {
    target = await startMockTarget({ ...SMALL_AGENCY, clockFrozen: true });
  });
  afterAll(async () => {
    await target.close();
    for (const db of dbs) db.remove();
  });

  let clean: Promise<unknown> | undefined;
  const cleanRun = (): Promise<unknown> => (clean ??= syncFromScratch());

  async function syncFromScratch(): Promise<unknown> {
    const db = tempDb();
    dbs.push(db);
    const store = db.open();
    try {
      await runSync({ client: clientFor(target), store, pageSize: 40, personRoles: 'multi' });
      return dump(store);
    } finally {
      store.close();
    }
  }

  it.each([2, 9, 27])('stopped after %i requests, then run again', async (pages) => {
    const db = tempDb();
    dbs.push(db);
    const controller = new AbortController();
    const first = db.open();
    await expect(
      runSync({
        client: clientFor(target),
        store: first,
        pageSize: 40,
        personRoles: 'multi',
        signal: controller.signal,
        progress: interruptAfter(pages, controller),
      }),
    ).rejects.toThrow('SIGINT');
    first.close();

    // A new process: the database opens cleanly and holds whole pages only.
    const second = db.open();
    // Every stored contact came with its page's cursor: the cursors account for each one.
    const stored = second.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };
    const cursors = second.db.prepare('SELECT coalesce(sum(next_offset), 0) AS n FROM sync_cursors').get() as {
      n: number;
    };
    expect(stored.n).toBe(cursors.n);
    expect(second.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const summary = await runSync({ client: clientFor(target), store: second, pageSize: 40, personRoles: 'multi' });
    expect(summary.resumed).toBe(true);
    const resumed = dump(second);
    second.close();
    expect(resumed).toEqual(await cleanRun());
  });

  it('stores the roles every person holds, as personcontacts answers them', async () => {
    const db = tempDb();
    dbs.push(db);
    const store = db.open();
    const client = clientFor(target);
    await runSync({ client, store, pageSize: 1000 });
    const multi = store.db
      .prepare('SELECT person_id FROM person_roles GROUP BY person_id HAVING count(*) > 1 ORDER BY person_id LIMIT 25')
      .all() as Array<{ person_id: string }>;
    expect(multi.length).toBeGreaterThan(5);
    const single = store.db
      .prepare('SELECT person_id FROM person_roles GROUP BY person_id HAVING count(*) = 1 ORDER BY person_id LIMIT 5')
      .all() as Array<{ person_id: string }>;
    for (const { person_id: person } of [...multi, ...single]) {
      const stored = store.db
        .prepare(
          'SELECT contact_type AS ContactType, oid AS OID, branch_id AS BranchID FROM person_roles WHERE person_id = ? ORDER BY oid',
        )
        .all(person);
      const answer = await client.people.contacts(person);
      expect(stored, person).toEqual([...answer].sort((a, b) => a.OID.localeCompare(b.OID)));
    }
    store.close();
  });

  it('a second run with nothing changed asks for no roles and changes nothing', async () => {
    const db = tempDb();
    dbs.push(db);
    const store = db.open();
    const client = clientFor(target);
    await runSync({ client, store, pageSize: 1000 });
    const before = dump(store);
    await target.control('DELETE', '/requests');
    const again = await runSync({ client, store, pageSize: 1000 });
    expect(again).toMatchObject({ changed: 0, erased: 0, removed: 0, personRolesRead: 0 });
    expect(dump(store)).toEqual(before);
    expect((await target.journal({ path: 'personcontacts' })).length).toBe(0);
    store.close();
  });
});
