import type { ContactRecord } from '../../src/contract-types.js';
import type { ContactsClient } from '../../src/create-contacts-client.js';
import { MAX_PAGE_SIZE } from '../../src/resources/paginate.js';
import { CONTACT_TYPE_NAMES, type PersonRolesMode, type SqliteStore } from './sqlite-store.js';
import { silentProgress, type SyncProgress } from './sync-progress.js';

/** The contact types, in the order the article's CRM workflow reads them. */
export const SYNC_TYPES = Object.keys(CONTACT_TYPE_NAMES) as Array<keyof typeof CONTACT_TYPE_NAMES>;

export interface SyncOptions {
  readonly client: ContactsClient;
  readonly store: SqliteStore;
  /** Records per list request (1..1000): big pages spend less of the rate limit. */
  readonly pageSize?: number;
  /**
   * Which people's roles to read from `personcontacts`: `multi` (people seen in several roles;
   * a single role is already known from the lists), `all`, or `none`. Only people whose records
   * changed in this run are asked again.
   */
  readonly personRoles?: PersonRolesMode;
  /** Stops the sync between requests; the database stays consistent and the next run resumes. */
  readonly signal?: AbortSignal;
  readonly progress?: SyncProgress;
}

export interface SyncSummary {
  readonly runId: number;
  readonly resumed: boolean;
  readonly branches: number;
  readonly changed: number;
  readonly unchanged: number;
  /** Stored records whose personal data was erased because the person withdrew consent. */
  readonly erased: number;
  /** Records the API no longer lists, removed at the end. */
  readonly removed: number;
  readonly personRolesRead: number;
}

/**
 * The article's CRM workflow, done right: branches, then each contact type branch by branch,
 * then person roles, into SQLite; one transaction per page, so it can stop and resume anywhere.
 */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const { client, store, signal } = options;
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  const progress = options.progress ?? silentProgress;
  const { runId, resumed } = store.beginRun();
  progress.log(resumed ? `resuming sync run ${runId}` : `starting sync run ${runId}`);

  const branches = [];
  for await (const branch of client.branches.all({ pageSize, signal })) branches.push(branch);
  store.saveBranches(runId, branches);

  // One request per (type, branch) at least; list totals add the rest as they become known.
  let planned = Math.ceil(branches.length / pageSize) + SYNC_TYPES.length * branches.length;
  let done = Math.ceil(branches.length / pageSize);
  progress.plan(planned);
  for (let index = 0; index < done; index++) progress.advance('branches');
  const totals = { changed: 0, unchanged: 0, erased: 0 };

  for (const type of SYNC_TYPES) {
    for (const branch of branches) {
      const step = `${type}:${branch.OID}`;
      let cursor = store.cursor(runId, step);
      if (cursor.total !== undefined)
        planned += Math.max(0, Math.ceil((cursor.total - cursor.nextOffset) / pageSize) - 1);
      while (!cursor.done) {
        const page = await client[type].list({
          offset: cursor.nextOffset,
          count: pageSize,
          branchID: branch.OID,
          signal,
        });
        if (cursor.total === undefined) {
          planned += Math.max(0, Math.ceil((page.Count - cursor.nextOffset) / pageSize) - 1);
          progress.plan(planned);
        }
        const nextOffset = cursor.nextOffset + page.Data.length;
        cursor = { nextOffset, total: page.Count, done: page.Data.length === 0 || nextOffset >= page.Count };
        const result = store.saveContactPage(runId, type, step, page.Data as ContactRecord[], cursor);
        totals.changed += result.changed;
        totals.unchanged += result.unchanged;
        totals.erased += result.erased;
        done += 1;
        progress.advance(`${type} ${branch.OID} ${Math.min(nextOffset, page.Count)}/${page.Count}`);
      }
    }
  }

  const people = store.peopleNeedingRoles(runId, options.personRoles ?? 'multi');
  planned = done + people.length;
  progress.plan(planned);
  for (const [index, personId] of people.entries()) {
    const roles = await client.people.contacts(personId, { signal });
    store.saveRoles(runId, personId, Array.isArray(roles) ? roles : roles.Data);
    progress.advance(`person roles ${index + 1}/${people.length}`);
  }

  const { removed } = store.finishRun(runId);
  const summary = { runId, resumed, branches: branches.length, ...totals, removed, personRolesRead: people.length };
  progress.log(
    `sync run ${runId} done: ${summary.changed} changed, ${summary.unchanged} unchanged, ` +
      `${summary.erased} erased after a withdrawal, ${removed} removed, ${people.length} people's roles read`,
  );
  return summary;
}
