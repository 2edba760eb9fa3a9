import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

const PATH = '/v4/contacts/demo/tenants/0/1';
const QUERY = Array.from({ length: 600 }, (_, index) => `unknown${index}=1`).join('&');

/** A GET through node:http, which refuses answers whose headers pass 16 KB. */
function nodeGet(url: string): Promise<{ status: number; warning: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { api_key: 'k' } }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, warning: String(response.headers['x-mock-warning'] ?? '') }),
      );
    })
      .on('error', reject)
      .end();
  });
}

// Finding 10: 600 unknown parameters made a 43 KB X-Mock-Warning that fetch and node:http refuse.
describe('X-Mock-Warning with 600 unknown parameters', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock();
  });
  afterAll(() => mock.close());

  it('is capped, says how many more, and node:http reads the answer', async () => {
    const { status, warning } = await nodeGet(`${mock.baseUrl}${PATH}?${QUERY}`);
    expect(status).toBe(200);
    expect(warning.length).toBeLessThanOrEqual(4_200);
    expect(warning).toMatch(/unknown0/);
    expect(warning).toMatch(/\.\.\. and \d+ more$/);
  });

  it('fetch (the reference client) reads it too', async () => {
    const response = await fetch(`${mock.baseUrl}${PATH}?${QUERY}`, { headers: { api_key: 'k' } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });
});
