import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, oid } from '../support/contact-routes.js';
import type { Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';

// Sizes around the 1000-record page limit, and lists shorter than one page.
const COUNTS = { tenants: 1200, landlords: 40, lettingsApplicants: 1001, salesApplicants: 25, vendors: 1000 };
const BRANCHES = 30;

let client: MockClient;
beforeAll(async () => {
  client = await startMock({ branches: BRANCHES, counts: COUNTS });
});
afterAll(() => client.close());

const LISTS = [
  { name: 'branches', segment: 'company/branches', total: BRANCHES },
  ...CONTACT_ROUTES.map((route) => ({ name: route.key, segment: route.segment, total: COUNTS[route.key] })),
];
const page = (segment: string, offset: number | string, count: number | string) =>
  `${BASE}/${segment}/${offset}/${count}`;

describe.each(LISTS)('$name paging', ({ segment, total }) => {
  it('offset past the end: 200, Count = total, Data = []', async () => {
    for (const offset of [total, total + 1, 2_147_483_647]) {
      const response = await client.get<Page<unknown>>(page(segment, offset, 10));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ Count: total, Data: [] });
    }
  });

  it('count 1 and count 1000 are accepted', async () => {
    const one = await client.get<Page<unknown>>(page(segment, 0, 1));
    expect(one.body.Data).toHaveLength(1);
    const thousand = await client.get<Page<unknown>>(page(segment, 0, 1000));
    expect(thousand.body.Data).toHaveLength(Math.min(1000, total));
    expect(thousand.body.Count).toBe(total);
  });

  it('the last partial page holds exactly the rest', async () => {
    const response = await client.get<Page<unknown>>(page(segment, total - 3, 10));
    expect(response.body.Data).toHaveLength(3);
  });

  it.each([0, 1001, -1, 1.5, 'x'])('count %s is a 400 naming count', async (count) => {
    const problem = expectProblem(await client.get(page(segment, 0, count)), 400, 'invalid-request');
    expect(namedInputs(problem)).toEqual(['path:count']);
  });

  it.each([-1, -1000, 0.5, '1e', 'first'])('offset %s is a 400 naming offset', async (offset) => {
    const problem = expectProblem(await client.get(page(segment, offset, 10)), 400, 'invalid-request');
    expect(namedInputs(problem)).toEqual(['path:offset']);
  });

  it('pages are consistent: [0,10) + [10,20) = [0,20), and [5,15) is their middle', async () => {
    const [first, second, both, middle] = await Promise.all(
      [page(segment, 0, 10), page(segment, 10, 10), page(segment, 0, 20), page(segment, 5, 10)].map((path) =>
        client.get<Page<unknown>>(path),
      ),
    );
    const joined = [...(first?.body.Data ?? []), ...(second?.body.Data ?? [])];
    expect(joined).toEqual(both?.body.Data);
    expect(middle?.body.Data).toEqual(joined.slice(5, 15));
    expect(new Set(joined.map((record) => (record as { OID: string }).OID)).size).toBe(20);
  });
});

it('the contact routes give each position its own opaque OID, never shared between types', async () => {
  const seen = new Set<string>();
  for (const route of CONTACT_ROUTES) {
    const response = await client.get<Page<{ OID: string }>>(page(route.segment, 7, 3));
    const ids = response.body.Data.map((record) => record.OID);
    expect(ids).toEqual([7, 8, 9].map((index) => oid(route.prefix, index)));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
  }
});
