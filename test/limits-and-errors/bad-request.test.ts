import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock();
});
afterAll(() => client.close());

const long = 'x'.repeat(101);

// Each row names every input the 400's `errors` list must name, and nothing else.
const rows = [
  { name: 'branches: negative offset', url: `${BASE}/company/branches/-1/10`, inputs: ['path:offset'] },
  { name: 'branches: count 0', url: `${BASE}/company/branches/0/0`, inputs: ['path:count'] },
  { name: 'tenants: bad offset and count', url: `${BASE}/tenants/abc/1001`, inputs: ['path:count', 'path:offset'] },
  { name: 'tenants: malformed branchID', url: `${BASE}/tenants/0/10?branchID=BR-1`, inputs: ['query:branchID'] },
  { name: 'tenants: empty integrator', url: `${BASE}/tenants/0/10?integrator=`, inputs: ['query:integrator'] },
  {
    name: 'landlords: integrator too long',
    url: `${BASE}/landlords/0/10?integrator=${long}`,
    inputs: ['query:integrator'],
  },
  {
    name: 'lettings: three bad inputs',
    url: `${BASE}/applicants/lettings/1.5/-3?branchID=nope`,
    inputs: ['path:count', 'path:offset'],
  },
  {
    name: 'sales: empty integration',
    url: `${BASE}/applicants/sales/0/10?integration=`,
    inputs: ['query:integration'],
  },
  { name: 'vendors: non-integer count', url: `${BASE}/vendors/0/ten`, inputs: ['path:count'] },
  { name: 'tenants: hexadecimal offset', url: `${BASE}/tenants/0x10/10`, inputs: ['path:offset'] },
  { name: 'tenants: exponent count', url: `${BASE}/tenants/0/1e3`, inputs: ['path:count'] },
  {
    name: 'landlords: decimal-point offset and count',
    url: `${BASE}/landlords/10.0/5.0`,
    inputs: ['path:count', 'path:offset'],
  },
  { name: 'vendor: empty integrator', url: `${BASE}/vendors/VEN-0000000001?integrator=`, inputs: ['query:integrator'] },
];

// Path IDs are plain strings in the contract (agentOS's OIDs have no pattern): an ID of any
// shape that names nothing in the agency is a 404, never a 400.
const unknownIds = [
  { name: 'person: malformed personID', url: `${BASE}/person/42/personcontacts`, inputs: ['path:personID'] },
  { name: 'tenant: malformed tenantID', url: `${BASE}/tenants/TEN-42`, inputs: ['path:tenantID'] },
  { name: 'landlord: lowercase landlordID', url: `${BASE}/landlords/lan-0000000001`, inputs: ['path:landlordID'] },
  {
    name: 'lettings applicant: malformed ID',
    url: `${BASE}/applicants/lettings/LAP_0000000001`,
    inputs: ['path:lettingsApplicantID'],
  },
  {
    name: 'sales applicant: ID too long',
    url: `${BASE}/applicants/sales/SAP-00000000011`,
    inputs: ['path:salesApplicantID'],
  },
  { name: 'vendor: malformed vendorID', url: `${BASE}/vendors/VEN-00000000x1`, inputs: ['path:vendorID'] },
  { name: 'definitions: malformed objectID', url: `${BASE}/company/object/TEN1/customfield`, inputs: [] },
  { name: 'value: malformed objectID and fieldID', url: `${BASE}/company/objects/x/cf1/value`, inputs: [] },
  { name: 'tenant: an old-style ID', url: `${BASE}/tenants/TEN-0000000001`, inputs: [] },
  { name: 'tenant: a landlord OID', url: `${BASE}/tenants/${oid('LAN', 1)}`, inputs: [] },
  { name: 'tenant: another seed OID', url: `${BASE}/tenants/${oid('TEN', 1, 2)}`, inputs: [] },
];

describe('404 for an ID of any shape that names nothing', () => {
  it.each(unknownIds)('$name', async ({ url }) => {
    const problem = expectProblem(await client.get(url), 404, 'not-found');
    expect(problem.detail.length).toBeGreaterThan(0);
  });
});

describe('400 names each offending parameter', () => {
  it.each(rows)('$name', async ({ url, inputs }) => {
    const problem = expectProblem(await client.get(url), 400, 'invalid-request');
    expect(namedInputs(problem)).toEqual(inputs);
    for (const error of problem.errors ?? []) expect(error.reason.length).toBeGreaterThan(0);
  });

  it('an unknown branch is a 400 naming branchID, on every contact list', async () => {
    for (const segment of ['tenants', 'landlords', 'applicants/lettings', 'applicants/sales', 'vendors']) {
      const problem = expectProblem(
        await client.get(`${BASE}/${segment}/0/10?branchID=${oid('BRA', 6)}`),
        400,
        'invalid-request',
      );
      expect(namedInputs(problem)).toEqual(['query:branchID']);
    }
  });
});

describe('400 for a bad POST body', () => {
  const path = `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`;

  it('Value null is the wrong type for the field: a 400 naming Value', async () => {
    const problem = expectProblem(await client.post(path, { Value: null }), 400, 'custom-field-value-invalid');
    expect(namedInputs(problem)).toEqual(['body:Value']);
  });

  it.each([
    { name: 'no Value', body: {}, inputs: ['body:Value'] },
    { name: 'Value an array', body: { Value: ['Morning'] }, inputs: ['body:Value'] },
    { name: 'Value an object', body: { Value: { text: 'Morning' } }, inputs: ['body:Value'] },
  ])('$name', async ({ body, inputs }) => {
    const problem = expectProblem(await client.post(path, body), 400, 'invalid-request');
    expect(namedInputs(problem)).toEqual(inputs);
  });

  it('a body that is a JSON array, not an object', async () => {
    const problem = expectProblem(await client.post(path, undefined, { raw: '["Morning"]' }), 400, 'invalid-request');
    expect(problem.errors?.every((error) => error.in === 'body')).toBe(true);
  });

  it('no body at all names "body", not an internal field', async () => {
    // Neither raw nor body: the request goes without a body and without a content type.
    const problem = expectProblem(await client.send('post', path), 400, 'invalid-request');
    expect(namedInputs(problem)).toEqual(['body:body']);
  });

  it.each(['{"Value": ', '{Value: "Morning"}', "{'Value': 'Morning'}"])('malformed JSON %s', async (raw) => {
    expectProblem(await client.post(path, undefined, { raw }), 400, 'malformed-body');
  });
});
