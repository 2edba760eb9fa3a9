import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { DEFAULT_TEST_KEY, startMock, type MockClient } from '../support/mock-client.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock({ apiKeys: [DEFAULT_TEST_KEY] });
});
afterAll(() => client.close());

/** A raw request, past the harness's contract checks (some of these paths are not the contract's spelling). */
async function raw(path: string, method = 'GET') {
  const response = await fetch(client.baseUrl + path, { method, headers: { api_key: DEFAULT_TEST_KEY } });
  const { headers } = response;
  return {
    status: response.status,
    body: await response.text(),
    length: headers.get('content-length'),
    allow: headers.get('allow'),
  };
}

// The ways Express routes (case-insensitive, non-strict) match a /v4 path; ASP.NET routes
// match in any case too, and partners' code may rely on them.
describe('how a /v4 path finds its route', () => {
  it('matches literal segments in any case, and keeps the parameters as sent', async () => {
    const exact = await raw(`${BASE}/tenants/0/2`);
    const shouted = await raw(`/V4/CONTACTS/demo/Tenants/0/2`);
    expect(exact.status).toBe(200);
    expect(shouted).toEqual(exact);
    expect((await raw(`/v4/contacts/DEMO/tenants/0/2`)).status).toBe(404);
  });

  it('takes one trailing slash', async () => {
    expect(await raw(`${BASE}/tenants/0/2/`)).toEqual(await raw(`${BASE}/tenants/0/2`));
  });

  it('answers HEAD from the GET route, without a body', async () => {
    const head = await raw(`${BASE}/tenants/${oid('TEN', 3)}`, 'HEAD');
    const get = await raw(`${BASE}/tenants/${oid('TEN', 3)}`);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.length).toBe(get.length);
  });

  it('decodes parameters, and a bad %-escape is a 400', async () => {
    expect((await raw(`${BASE}/tenants/%30/2`)).body).toBe((await raw(`${BASE}/tenants/0/2`)).body);
    expect((await raw(`${BASE}/tenants/%E0%A4%A/10`)).status).toBe(400);
  });

  it('an empty segment, an extra segment or another method falls through to 404 or 405', async () => {
    expect((await raw(`${BASE}/tenants//2`)).status).toBe(404);
    expect((await raw(`${BASE}/tenants/0/2/3`)).status).toBe(404);
    const wrongMethod = await raw(`${BASE}/tenants/0/2`, 'DELETE');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.allow).toBe('GET');
  });
});

describe('the response cache', () => {
  /** A page's body, which must be answered. */
  const get = async (path: string): Promise<string> => {
    const answer = await raw(path);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('keeps one entry for a page however its path is spelt, and apart from other parameters', async () => {
    const { cache } = client.mock.state;
    const before = cache.size;
    // A body is admitted on its second request.
    const page = await get(`${BASE}/tenants/0/3`);
    await get(`${BASE}/tenants/0/3`);
    expect(cache.size).toBe(before + 1);
    for (const spelling of [`/V4/CONTACTS/demo/Tenants/0/3`, `${BASE}/tenants/0/3/`, `${BASE}/TENANTS/0/3/`]) {
      expect(await get(spelling)).toBe(page);
      expect(await get(spelling)).toBe(page);
    }
    expect(cache.size).toBe(before + 1);
    // Another page, another type with the same numbers, a query: entries of their own.
    const other = await get(`${BASE}/tenants/0/4`);
    await get(`${BASE}/tenants/0/4`);
    await get(`${BASE}/landlords/0/3`);
    await get(`${BASE}/landlords/0/3`);
    const branch = JSON.parse(page).Data[0].BranchID as string;
    await get(`${BASE}/tenants/0/3?branchID=${branch}`);
    await get(`${BASE}/tenants/0/3?branchID=${branch}`);
    expect(other).not.toBe(page);
    expect(cache.size).toBe(before + 4);
  });
});
