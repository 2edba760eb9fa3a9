import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockClient } from '../support/mock-client.js';

// Generated once from the code with default options; a change here is a change every client sees.
// The file is kept pretty-printed for review (and for prettier): its compact JSON is the exact
// byte sequence the mock must send, since JSON.stringify(JSON.parse(x)) reproduces what the mock wrote.
const GOLDEN = new URL('./golden/seed-1-tenants-0-3.json', import.meta.url);

let client: MockClient;
beforeAll(async () => {
  client = await startMock();
});
afterAll(() => client.close());

describe('golden snapshot', () => {
  it('GET /v4/contacts/demo/tenants/0/3 with default options is byte for byte the stored body', async () => {
    const expected = JSON.stringify(JSON.parse(readFileSync(GOLDEN, 'utf8')));
    const response = await client.get('/v4/contacts/demo/tenants/0/3');
    expect(response.status).toBe(200);
    expect(response.text).toBe(expected);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(expected));
  });
});
