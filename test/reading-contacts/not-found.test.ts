import { afterAll, beforeAll, describe, it } from 'vitest';
import { BASE } from '../support/contact-routes.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { expectProblem } from '../support/expect-problem.js';
import { forAgency, ROUTE_ROWS } from '../support/route-table.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock();
});
afterAll(() => client.close());

describe('404 problems', () => {
  it.each(ROUTE_ROWS)('$operationId: unknown agency shortName', async (row) => {
    const other = forAgency(row, 'nosuchagency');
    const response = other.method === 'post' ? await client.post(other.path, other.body) : await client.get(other.path);
    expectProblem(response, 404, 'unknown-agency');
  });

  // Default counts: 5000 tenants, 2000 landlords, 3000 lettings, 1500 sales applicants, 1000 vendors, 6 branches.
  const unknownIds = [
    { name: 'person past the last one', path: `${BASE}/person/PER-9999999999/personcontacts` },
    { name: 'tenant past the last one', path: `${BASE}/tenants/TEN-0000005000` },
    { name: 'tenant route given a landlord ID', path: `${BASE}/tenants/LAN-0000000001` },
    { name: 'landlord past the last one', path: `${BASE}/landlords/LAN-0000002000` },
    { name: 'lettings applicant past the last one', path: `${BASE}/applicants/lettings/LAP-0000003000` },
    { name: 'lettings route given a sales ID', path: `${BASE}/applicants/lettings/SAP-0000000001` },
    { name: 'sales applicant past the last one', path: `${BASE}/applicants/sales/SAP-0000001500` },
    { name: 'vendor past the last one', path: `${BASE}/vendors/VEN-0000001000` },
    { name: 'vendor route given an unknown prefix', path: `${BASE}/vendors/XYZ-0000000001` },
    { name: 'custom fields of an unknown contact', path: `${BASE}/company/object/TEN-0000005000/customfield` },
    { name: 'custom fields of an unknown branch', path: `${BASE}/company/object/BRA-0000000006/customfield` },
    { name: 'custom fields of a person (not an object)', path: `${BASE}/company/object/PER-0000000001/customfield` },
    { name: 'value of an unknown object', path: `${BASE}/company/objects/VEN-0000001000/VEN-CF01/value` },
    { name: 'value of an unknown field', path: `${BASE}/company/objects/TEN-0000000001/TEN-CF99/value` },
    { name: "value of another type's field", path: `${BASE}/company/objects/TEN-0000000001/LAN-CF01/value` },
  ];

  it.each(unknownIds)('GET $name', async ({ path }) => {
    expectProblem(await client.get(path), 404, 'not-found');
  });

  it.each([
    { name: 'an unknown object', path: `${BASE}/company/objects/LAN-0000002000/LAN-CF01/customfield` },
    { name: 'an unknown field', path: `${BASE}/company/objects/LAN-0000000001/LAN-CF42/customfield` },
  ])('POST a value to $name', async ({ path }) => {
    expectProblem(await client.post(path, { Value: 'x' }), 404, 'not-found');
  });

  it.each([
    `${BASE}/owners/0/10`,
    `${BASE}/tenants`,
    `${BASE}/tenants/0/10/extra`,
    '/v4/contacts/demo',
    '/v4/other/demo/tenants/0/10',
  ])('unknown route %s', async (path) => {
    expectProblem(await client.get(path), 404, 'route-not-found');
  });

  it('unknown route outside /v4 is a problem too', async () => {
    const response = await client.get('/no-such-page');
    expectProblem(response, 404, 'route-not-found');
  });
});
