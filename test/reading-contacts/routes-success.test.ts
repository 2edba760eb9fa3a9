import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperations, findOperation } from '../support/contract-document.js';
import type { Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { ROUTE_ROWS } from '../support/route-table.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock();
});
afterAll(() => client.close());

describe('every route answers 200 with a body the contract accepts', () => {
  it('the table covers each of the 15 operations once', () => {
    expect(ROUTE_ROWS.map((row) => findOperation(row.method, row.path)?.operationId).sort()).toEqual(
      contractOperations.map((entry) => entry.operationId).sort(),
    );
  });

  it.each(ROUTE_ROWS)('$operationId: $method $path', async (row) => {
    const response =
      row.method === 'post' ? await client.post(row.path, row.body) : await client.get<unknown>(row.path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-mock-warning']).toBeUndefined();
  });

  it('lists report the total in Count and at most count records in Data', async () => {
    const tenants = await client.get<Page<unknown>>(ROUTE_ROWS[1]?.path ?? '');
    expect(tenants.body.Count).toBe(client.mock.options.counts.tenants);
    expect(tenants.body.Data).toHaveLength(10);
    const branches = await client.get<Page<unknown>>(ROUTE_ROWS[0]?.path ?? '');
    expect(branches.body.Count).toBe(client.mock.options.branches);
    expect(branches.body.Data).toHaveLength(client.mock.options.branches);
  });
});
