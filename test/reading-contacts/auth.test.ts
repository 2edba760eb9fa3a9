import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type CallOptions, type MockClient } from '../support/mock-client.js';
import { expectProblem } from '../support/expect-problem.js';
import { ROUTE_ROWS, type RouteRow } from '../support/route-table.js';

function call(client: MockClient, row: RouteRow, options: CallOptions) {
  return row.method === 'post' ? client.post(row.path, row.body, options) : client.get(row.path, options);
}

describe('with no keys configured (any non-empty key is accepted)', () => {
  let client: MockClient;
  beforeAll(async () => {
    client = await startMock();
  });
  afterAll(() => client.close());

  it.each(ROUTE_ROWS)('$operationId: 401 without a key', async (row) => {
    expectProblem(await call(client, row, { apiKey: null }), 401, 'missing-api-key');
  });

  it.each(ROUTE_ROWS)('$operationId: 401 with an empty key', async (row) => {
    expectProblem(await call(client, row, { apiKey: '' }), 401, 'missing-api-key');
  });

  it.each(ROUTE_ROWS)('$operationId: the key is accepted in the api_key query parameter', async (row) => {
    expect((await call(client, row, { apiKey: 'anything', apiKeyIn: 'query' })).status).toBe(200);
  });

  it('a key in the query is not reported as an unknown parameter', async () => {
    const response = await client.get('/v4/contacts/demo/tenants/0/1', { apiKeyIn: 'query' });
    expect(response.headers['x-mock-warning']).toBeUndefined();
  });
});

describe('with keys configured', () => {
  let client: MockClient;
  beforeAll(async () => {
    client = await startMock({ apiKeys: ['key-one', 'key-two'] });
  });
  afterAll(() => client.close());

  it.each(ROUTE_ROWS)('$operationId: 401 for a key not in apiKeys (header and query)', async (row) => {
    expectProblem(await call(client, row, { apiKey: 'key-three' }), 401, 'invalid-api-key');
    expectProblem(await call(client, row, { apiKey: 'key-three', apiKeyIn: 'query' }), 401, 'invalid-api-key');
  });

  it.each(ROUTE_ROWS)('$operationId: 200 for a configured key, in the header or the query', async (row) => {
    expect((await call(client, row, { apiKey: 'key-two' })).status).toBe(200);
    expect((await call(client, row, { apiKey: 'key-one', apiKeyIn: 'query' })).status).toBe(200);
  });

  it.each(ROUTE_ROWS)('$operationId: 401 without a key', async (row) => {
    expectProblem(await call(client, row, { apiKey: null }), 401, 'missing-api-key');
  });

  it('a cached page is not served to a caller with a wrong key', async () => {
    const path = '/v4/contacts/demo/tenants/0/5';
    expect((await client.get(path)).status).toBe(200);
    expectProblem(await client.get(path, { apiKey: 'wrong' }), 401, 'invalid-api-key');
  });
});
