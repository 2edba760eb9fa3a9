import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../support/contact-routes.js';
import { startMock, type MockClient } from '../support/mock-client.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock();
});
afterAll(() => client.close());

// "Each has its own clear 4xx, never a 5xx": odd but possible client input must not crash a route.
describe('odd input gets a declared 4xx or a 200, never a 5xx', () => {
  it('a malformed percent-encoding in a path segment is a 400', async () => {
    const response = await client.get(`${BASE}/tenants/%E0%A4%A/10`);
    expect(response.status).toBe(400);
  });

  it('an unknown query parameter whose name is not Latin-1 is ignored', async () => {
    const response = await client.get(`${BASE}/tenants/0/1?${encodeURIComponent('✓')}=1`);
    expect(response.status).toBe(200);
  });

  it('an unknown query parameter whose name holds CR LF is ignored, without a header injection', async () => {
    const response = await client.get(`${BASE}/tenants/0/1?a${encodeURIComponent('\r\nX-Injected: 1')}=1`);
    expect(response.status).toBe(200);
    expect(response.headers['x-injected']).toBeUndefined();
  });

  it('a Latin-1 parameter name is reported as sent', async () => {
    const response = await client.get(`${BASE}/tenants/0/1?${encodeURIComponent('é')}=1`);
    expect(response.status).toBe(200);
    expect(response.headers['x-mock-warning']).toContain('"é"');
  });
});
