import { describe, expect, it } from 'vitest';
import { contractOperations, findOperation } from '../support/contract-document.js';
import { contractViolations } from '../support/contract-validator.js';
import { personalDataPaths } from '../support/personal-data-paths.js';

// The suite's safety net must itself be able to fail, or every HTTP test would pass vacuously.
const tenant = {
  OID: 'TEN-0000000001',
  PersonID: 'PER-0000000001',
  BranchID: 'BRA-0000000000',
  ETag: '0123456789abcdef',
  ThirdPartyMarketingConsent: false,
  CreatedDate: '2024-01-02',
  Status: 'Current',
  TenancyStartDate: '2024-02-01',
  IsLeadTenant: true,
};
const problem = { type: 'urn:x:problem:y', title: 'T', status: 404, detail: 'd' };

describe('contract document', () => {
  it('has the 15 operations of the design, each with a unique operationId', () => {
    expect(contractOperations).toHaveLength(15);
    expect(new Set(contractOperations.map((entry) => entry.operationId)).size).toBe(15);
  });

  it.each([
    ['get', '/v4/contacts/demo/tenants/0/10', 'listTenants'],
    ['get', '/v4/contacts/demo/tenants/TEN-0000000001?integrator=x', 'getTenant'],
    ['get', '/v4/contacts/demo/applicants/lettings/0/10', 'listLettingsApplicants'],
    ['get', '/v4/contacts/demo/company/object/TEN-0000000001/customfield', 'getCustomFieldDefinitions'],
    ['post', '/v4/contacts/demo/company/objects/TEN-0000000001/TEN-CF01/customfield', 'setCustomFieldValue'],
  ])('matches %s %s to %s', (method, path, operationId) => {
    expect(findOperation(method, path)?.operationId).toBe(operationId);
  });

  it('reads personal-data marks through allOf and $ref siblings', () => {
    const marked = personalDataPaths('Tenant').map((path) => path.join('.'));
    expect(marked).toEqual(expect.arrayContaining(['Forename', 'Address', 'NationalInsuranceNumber']));
    expect(marked).not.toContain('OID');
    expect(personalDataPaths('SalesApplicant').map((path) => path.join('.'))).not.toContain('MaxPrice');
  });
});

describe('contractViolations', () => {
  const base = { method: 'get', path: '/v4/contacts/demo/tenants/0/1' };

  it('accepts a conforming page and problem', () => {
    expect(
      contractViolations({ ...base, status: 200, contentType: 'application/json', body: { Count: 1, Data: [tenant] } }),
    ).toEqual([]);
    expect(
      contractViolations({ ...base, status: 404, contentType: 'application/problem+json', body: problem }),
    ).toEqual([]);
  });

  it.each([
    ['a missing required field', 200, 'application/json', { Count: 1, Data: [{ ...tenant, OID: undefined }] }],
    ['a bad OID pattern', 200, 'application/json', { Count: 1, Data: [{ ...tenant, OID: 'TEN-1' }] }],
    ['an invalid date', 200, 'application/json', { Count: 1, Data: [{ ...tenant, CreatedDate: '2024-02-30' }] }],
    ['a negative Count', 200, 'application/json', { Count: -1, Data: [] }],
    ['a problem served as JSON', 404, 'application/json', problem],
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
