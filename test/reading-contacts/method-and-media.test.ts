import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { expectProblem } from '../support/expect-problem.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock();
});
afterAll(() => client.close());

const valuePost = `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`;

describe('405 with Allow on a wrong method', () => {
  it.each([
    { method: 'delete', path: `${BASE}/tenants/0/10`, allow: 'GET' },
    { method: 'post', path: `${BASE}/company/branches/0/10`, allow: 'GET' },
    { method: 'put', path: `${BASE}/tenants/${oid('TEN', 1)}`, allow: 'GET' },
    { method: 'patch', path: `${BASE}/person/${oid('PER', 1)}/personcontacts`, allow: 'GET' },
    { method: 'post', path: `${BASE}/company/object/${oid('TEN', 1)}/customfield`, allow: 'GET' },
    { method: 'delete', path: `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/value`, allow: 'GET' },
    { method: 'get', path: valuePost, allow: 'POST' },
    { method: 'put', path: valuePost, allow: 'POST' },
  ] as const)('$method $path', async ({ method, path, allow }) => {
    const response = await client.send(method, path);
    expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.allow).toBe(allow);
  });
});

describe('POST bodies', () => {
  it.each([
    { contentType: 'text/plain', raw: 'Morning' },
    { contentType: 'application/x-www-form-urlencoded', raw: 'Value=Morning' },
    { contentType: 'application/xml', raw: '<Value>Morning</Value>' },
  ])('415 for $contentType', async ({ contentType, raw }) => {
    expectProblem(await client.post(valuePost, undefined, { raw, contentType }), 415, 'unsupported-media-type');
  });

  it('accepts application/json with a utf-8 charset', async () => {
    const response = await client.post(valuePost, undefined, {
      raw: '{"Value":"Morning"}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(200);
  });

  // The contract allows 415 for a body the mock cannot read; a 5xx is never acceptable.
  it('a JSON body in a charset the mock does not read is a 415, not a 500', async () => {
    const response = await client.post(valuePost, undefined, {
      raw: '{"Value":"Morning"}',
      contentType: 'application/json; charset=latin1',
    });
    expect(response.status).toBe(415);
  });

  it('a JSON body with an unsupported Content-Encoding is a 415, not a 500', async () => {
    const response = await client.post(valuePost, undefined, {
      raw: '{"Value":"Morning"}',
      headers: { 'Content-Encoding': 'x-unknown' },
    });
    expect(response.status).toBe(415);
  });
});

describe('oversized bodies', () => {
  // The mock caps bodies at 16 KB; whatever it answers must be a status the contract declares.
  it('a body over the limit gets a status the contract declares for the route', async () => {
    const response = await client.post(valuePost, { Value: 'x'.repeat(20_000) });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
