import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath } from '../support/contact-routes.js';
import type { Branch, Contact, Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { fetchAll } from '../support/page-walker.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';

async function branchIds(client: MockClient): Promise<string[]> {
  const { records } = await fetchAll<Branch>(
    client,
    (offset, count) => `${BASE}/company/branches/${offset}/${count}`,
    1000,
  );
  return records.map((branch) => branch.OID);
}

describe('branch filter over a whole data set', () => {
  let client: MockClient;
  beforeAll(async () => {
    client = await startMock({
      seed: 9,
      branches: 7,
      counts: { tenants: 900, landlords: 450, lettingsApplicants: 700, salesApplicants: 300, vendors: 200 },
    });
  });
  afterAll(() => client.close());

  it.each(CONTACT_ROUTES)(
    '$key: the branches partition the list, and each filtered record has that BranchID',
    async (route) => {
      const all = await fetchAll<Contact>(client, (offset, count) => listPath(route, offset, count), 1000);
      const seen: string[] = [];
      let sum = 0;
      for (const branch of await branchIds(client)) {
        const filtered = await fetchAll<Contact>(
          client,
          (offset, count) => listPath(route, offset, count, `branchID=${branch}`),
          250,
        );
        sum += filtered.count;
        for (const record of filtered.records) expect(record.BranchID).toBe(branch);
        seen.push(...filtered.records.map((record) => record.OID));
      }
      expect(sum).toBe(all.count);
      expect(seen.sort()).toEqual(all.records.map((record) => record.OID).sort());
    },
  );

  it('a filtered page is the same records as the unfiltered list shows for that branch', async () => {
    const route = CONTACT_ROUTES[0]!;
    const all = await fetchAll<Contact>(client, (offset, count) => listPath(route, offset, count), 1000);
    const branch = all.records[all.records.length - 1]!.BranchID;
    const filtered = await fetchAll<Contact>(
      client,
      (offset, count) => listPath(route, offset, count, `branchID=${branch}`),
      1000,
    );
    expect(filtered.records).toEqual(all.records.filter((record) => record.BranchID === branch));
  });

  it('offset past the end of a branch is an empty page with the branch Count', async () => {
    const branch = (await branchIds(client))[3]!;
    const first = await client.get<Page<Contact>>(listPath(CONTACT_ROUTES[1]!, 0, 1, `branchID=${branch}`));
    const past = await client.get<Page<Contact>>(
      listPath(CONTACT_ROUTES[1]!, first.body.Count, 5, `branchID=${branch}`),
    );
    expect(past.body).toEqual({ Count: first.body.Count, Data: [] });
  });

  it.each(['BRA-0000000007', 'BRA-9999999999', 'TEN-0000000001', 'bra-0000000001', 'BRA-1'])(
    'branchID=%s is a 400 naming branchID',
    async (branch) => {
      for (const route of CONTACT_ROUTES) {
        const problem = expectProblem(
          await client.get(listPath(route, 0, 10, `branchID=${branch}`)),
          400,
          'invalid-request',
        );
        expect(namedInputs(problem)).toEqual(['query:branchID']);
      }
    },
  );
});

describe('branch counts add up, for random layouts', () => {
  it('every type: the sum of branch Counts is the unfiltered total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        // Up to 16 branches: each branch costs five requests per run, and up to 40 tripled the time
        // without testing anything new (one branch and many are both still drawn).
        fc.integer({ min: 1, max: 16 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('redact' as const, 'omit' as const),
        async (seed, branches, sizes, withheld) => {
          const [tenants, landlords, lettingsApplicants, salesApplicants, vendors] = sizes as number[];
          const client = await startMock({
            seed,
            branches,
            withheld,
            counts: { tenants, landlords, lettingsApplicants, salesApplicants, vendors },
          });
          try {
            const ids = await branchIds(client);
            expect(ids).toHaveLength(branches);
            for (const route of CONTACT_ROUTES) {
              const total = (await client.get<Page<Contact>>(listPath(route, 0, 1))).body.Count;
              let sum = 0;
              for (const branch of ids) {
                sum += (await client.get<Page<Contact>>(listPath(route, 0, 1, `branchID=${branch}`))).body.Count;
              }
              expect(sum).toBe(total);
            }
          } finally {
            await client.close();
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});
