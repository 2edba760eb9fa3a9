import { describe, expect, it } from 'vitest';
import { contractOperations, findOperation } from '../support/contract-document.js';
import { contractViolations } from '../support/contract-validator.js';
import { personalDataPaths } from '../support/personal-data-paths.js';

// The suite's safety net must itself be able to fail, or every HTTP test would pass vacuously.
const tenant = {
  OID: '0004-f421-2742-3f00',
  PersonID: '1c9e-03aa-5d71-b2e4',
  BranchID: '7a10-4be2-90c3-11fd',
  ETag: '0123456789abcdef',
  GlobalReference: 'CLI/T/000001',
  ThirdPartyMarketingConsent: false,
  CreatedAt: '2024-01-02T10:11:12',
  Title: null,
  Status: 'Current',
  TenancyStartDate: '2024-02-01T00:00:00',
  IsLeadTenant: true,
  RentAmount: 250,
  RentSchedule: 'Weekly',
};
const problem = { type: 'urn:x:problem:y', title: 'T', status: 404, detail: 'd' };

describe('contract document', () => {
  it('has the 15 operations of the design, each with a unique operationId', () => {
    expect(contractOperations).toHaveLength(15);
    expect(new Set(contractOperations.map((entry) => entry.operationId)).size).toBe(15);
  });

  it.each([
    ['get', '/v4/contacts/demo/tenants/0/10', 'listTenants'],
    ['get', '/v4/contacts/demo/tenants/0004-f421-2742-3f00?integrator=x', 'getTenant'],
    ['get', '/v4/contacts/demo/applicants/lettings/0/10', 'listLettingsApplicants'],
    ['get', '/v4/contacts/demo/company/object/0004-f421-2742-3f00/customfield', 'getCustomFieldDefinitions'],
    [
      'post',
      '/v4/contacts/demo/company/objects/0004-f421-2742-3f00/1c9e-03aa-5d71-b2e4/customfield',
      'setCustomFieldValue',
    ],
  ])('matches %s %s to %s', (method, path, operationId) => {
    expect(findOperation(method, path)?.operationId).toBe(operationId);
  });

  it('reads personal-data marks through allOf and $ref siblings', () => {
    const marked = personalDataPaths('Tenant').map((path) => path.join('.'));
    expect(marked).toEqual(expect.arrayContaining(['Forename', 'Address3', 'EmployerName']));
    expect(marked).not.toContain('NationalInsuranceNumber');
    expect(marked).not.toContain('OID');
    expect(personalDataPaths('SalesApplicant').map((path) => path.join('.'))).not.toContain('MaxPrice');
  });
});

describe('contractViolations', () => {
  const base = { method: 'get', path: '/v4/contacts/demo/tenants/0/1' };

  it('accepts a conforming page and both error styles', () => {
    expect(
      contractViolations({
        ...base,
        status: 404,
        contentType: 'application/json',
        body: { Message: 'No such tenant.' },
      }),
    ).toEqual([]);
    expect(
      contractViolations({ ...base, status: 200, contentType: 'application/json', body: { Count: 1, Data: [tenant] } }),
    ).toEqual([]);
    expect(
      contractViolations({ ...base, status: 404, contentType: 'application/problem+json', body: problem }),
    ).toEqual([]);
  });

  it.each([
    ['a missing required field', 200, 'application/json', { Count: 1, Data: [{ ...tenant, OID: undefined }] }],
    ['an OID that is not a string', 200, 'application/json', { Count: 1, Data: [{ ...tenant, OID: 1 }] }],
    ['a date without a time', 200, 'application/json', { Count: 1, Data: [{ ...tenant, CreatedAt: '2024-02-03' }] }],
    ['a null required field', 200, 'application/json', { Count: 1, Data: [{ ...tenant, RentAmount: null }] }],
    ['an old field name', 200, 'application/json', { Count: 1, Data: [{ ...tenant, Title: 7 }] }],
    ['a negative Count', 200, 'application/json', { Count: -1, Data: [] }],
    ['a problem served as JSON', 404, 'application/json', problem],
    ['a message served as a problem', 404, 'application/problem+json', { Message: 'x' }],
    ['a page served as a problem', 200, 'application/problem+json', { Count: 0, Data: [] }],
    ['an undeclared status', 418, 'application/problem+json', { ...problem, status: 418 }],
    ['a problem without detail', 400, 'application/problem+json', { ...problem, detail: undefined }],
  ])('rejects %s', (_name, status, contentType, body) => {
    const clean = JSON.parse(JSON.stringify(body)) as unknown;
    expect(contractViolations({ ...base, status, contentType, body: clean })).not.toEqual([]);
  });

  it('holds paths without an operation to a 404 or 405 problem', () => {
    const unknownRoute = {
      method: 'get',
      path: '/v4/contacts/demo/owners/0/1',
      contentType: 'application/problem+json',
    };
    expect(contractViolations({ ...unknownRoute, status: 404, body: problem })).toEqual([]);
    expect(contractViolations({ ...unknownRoute, status: 200, body: problem })).not.toEqual([]);
    const wrongMethod = { method: 'delete', path: base.path, contentType: 'application/problem+json' };
    expect(contractViolations({ ...wrongMethod, status: 405, body: { ...problem, status: 405 } })).toEqual([]);
    expect(contractViolations({ ...wrongMethod, status: 404, body: problem })).not.toEqual([]);
  });
});
