import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContactsClient,
  isGiven,
  isHttpError,
  personalFieldsPresent,
  type ContactRecord,
  type ContactsClient,
  type ContactsClientOptions,
  type ContactTypeKey,
} from '../../../src/index.js';

/** Where the suite runs: a started target answers client options and how to stop it. */
export interface ConformanceTarget {
  readonly name: string;
  start(): Promise<{ readonly options: ContactsClientOptions; stop(): Promise<void> }>;
  /** Live sandboxes are read only: no custom field is set there. */
  readonly writable: boolean;
  /** Records per page in the paging checks (small on live: it is the data, not the limit, we test). */
  readonly pageSize: number;
  /** Whether error bodies carry a sentence (`{"Message"}` or problem+json); live may send none. */
  readonly explainsErrors: boolean;
}

const TYPES: readonly ContactTypeKey[] = ['tenants', 'landlords', 'lettingsApplicants', 'salesApplicants', 'vendors'];
const CONTACT_TYPE: Record<ContactTypeKey, string> = {
  tenants: 'Tenant',
  landlords: 'Landlord',
  lettingsApplicants: 'LettingsApplicant',
  salesApplicants: 'SalesApplicant',
  vendors: 'Vendor',
};

/** OIDs and ETags are opaque: a non-empty string, no pattern (agentOS promises none). */
function expectOpaque(value: unknown, what: string): void {
  expect(typeof value === 'string' && value.length > 0, `${what} is a non-empty string: ${String(value)}`).toBe(true);
}

/**
 * The invariants of V4 Contacts, checked through the reference client: envelopes, paging,
 * branch filters, single records, consent and personal data, person roles. The same suite runs
 * against the in-process mock under every reading (npm test) and the live sandbox (npm run
 * test:live), so nothing here may depend on a reading: an empty value may be `null` or absent,
 * an error body `{"Message"}` or problem+json, `personcontacts` a bare array or an envelope.
 */
export function conformanceSuite(target: ConformanceTarget): void {
  describe(`V4 Contacts conformance: ${target.name}`, () => {
    let client: ContactsClient;
    let stop: () => Promise<void> = async () => undefined;
    let branchIDs: string[] = [];
    beforeAll(async () => {
      const started = await target.start();
      stop = started.stop;
      client = createContactsClient(started.options);
      const branches = await client.branches.list({ offset: 0, count: 1000 });
      branchIDs = branches.Data.map((branch) => branch.OID);
    });
    afterAll(() => stop());

    it('lists branches in a { Count, Data } envelope of well-formed branches', async () => {
      const page = await client.branches.list({ offset: 0, count: 1000 });
      expect(Number.isInteger(page.Count)).toBe(true);
      expect(page.Data.length).toBe(Math.min(page.Count, 1000));
      for (const branch of page.Data) {
        expectOpaque(branch.OID, 'branch OID');
        expectOpaque(branch.ETag, 'branch ETag');
        expect(typeof branch.Name).toBe('string');
      }
    });

    it.each(TYPES)('pages %s consistently: adjacent pages make the double page, Count is stable', async (type) => {
      const size = target.pageSize;
      const [first, second, double] = [
        await client[type].list({ offset: 0, count: size }),
        await client[type].list({ offset: size, count: size }),
        await client[type].list({ offset: 0, count: size * 2 }),
      ];
      expect(second.Count).toBe(first.Count);
      expect(double.Count).toBe(first.Count);
      expect([...first.Data, ...second.Data]).toEqual(double.Data);
      expect(first.Data.length).toBe(Math.min(size, first.Count));
      const beyond = await client[type].list({ offset: first.Count + 10, count: 1 });
      expect(beyond).toEqual({ Count: first.Count, Data: [] });
    });

    it.each(TYPES)(
      'branch filters of %s sum to the unfiltered Count, each holding its own branch only',
      async (type) => {
        const all = await client[type].list({ count: 1 });
        let sum = 0;
        for (const branchID of branchIDs) {
          const page = await client[type].list({ count: target.pageSize, branchID });
          sum += page.Count;
          for (const record of page.Data) expect(record.BranchID).toBe(branchID);
        }
        expect(sum).toBe(all.Count);
      },
    );

    it.each(TYPES)('a single %s equals its list entry', async (type) => {
      const page = await client[type].list({ count: 2 });
      for (const entry of page.Data) expect(await client[type].get(entry.OID)).toEqual(entry);
    });

    it.each(TYPES)('%s without consent carry no personal data; IDs and consent flag always present', async (type) => {
      const page = await client[type].list({ count: Math.min(1000, target.pageSize * 10) });
      for (const record of page.Data) {
        for (const field of ['OID', 'PersonID', 'BranchID', 'ETag'] as const) expectOpaque(record[field], field);
        expect(branchIDs).toContain(record.BranchID);
        expect(typeof record.ThirdPartyMarketingConsent).toBe('boolean');
        if (!record.ThirdPartyMarketingConsent) {
          expect(personalFieldsPresent(record), record.OID).toEqual([]);
          expect(isGiven((record as Record<string, unknown>).ConsentDetails), record.OID).toBe(false);
        }
      }
    });

    it('person roles include the record they came from, and every role shows the same person and consent', async () => {
      for (const type of ['tenants', 'landlords'] as const) {
        const [record] = (await client[type].list({ count: 1 })).Data as ContactRecord[];
        if (!record) continue;
        const roles = await client.people.contacts(record.PersonID);
        expect(roles).toContainEqual(
          expect.objectContaining({ ContactType: CONTACT_TYPE[type], OID: record.OID, BranchID: record.BranchID }),
        );
        for (const role of roles.slice(0, 3)) {
          const key = TYPES.find((candidate) => CONTACT_TYPE[candidate] === role.ContactType) as ContactTypeKey;
          const other = await client[key].get(role.OID);
          expect(other.PersonID).toBe(record.PersonID);
          expect(other.BranchID).toBe(role.BranchID);
          expect(other.ThirdPartyMarketingConsent).toBe(record.ThirdPartyMarketingConsent);
        }
      }
    });

    it('an unknown ID is an HttpError 404 naming method, path and status', async () => {
      // Shaped like no agentOS OID, so unknown whatever the seed: 404 (any shape of unknown ID is a 404).
      const error = await client.tenants.get('TEN-9999999999').catch((caught: unknown) => caught);
      expect(isHttpError(error) && error.status).toBe(404);
      expect((error as Error).message).toMatch(/^GET \/v4\/contacts\/[^/]+\/tenants\/TEN-9999999999[?: ].*404/);
      if (target.explainsErrors) expect(isHttpError(error) && error.serverMessage).toMatch(/\w/);
    });

    it('count over 1000 is refused with a 400, or capped at 1000 records (both readings of agentOS)', async () => {
      const answer = await client.tenants.list({ count: 1001 }).catch((caught: unknown) => caught);
      if (isHttpError(answer)) expect(answer.status).toBe(400);
      else {
        const page = answer as { Count: number; Data: unknown[] };
        expect(page.Data.length).toBe(Math.min(1000, page.Count));
      }
    });

    it('custom fields: definitions in agentOS shape; a value set is the value read back (writable targets)', async () => {
      const [tenant] = (await client.tenants.list({ count: 1 })).Data;
      if (!tenant) return;
      const definitions = await client.customFields.definitions(tenant.OID);
      for (const definition of definitions.CustomFields) {
        expect(typeof definition.ID).toBe('string');
        expect(typeof definition.FieldName).toBe('string');
      }
      // A Text field holds a string: the first field whose value is one takes a string back.
      const text = definitions.CustomFields.find((definition) => typeof definition.Value === 'string');
      if (!target.writable || !text) return;
      await client.customFields.set(tenant.OID, text.ID, 'conformance');
      expect(await client.customFields.get(tenant.OID, text.ID)).toBe('conformance');
    });
  });
}
