import { BASE, oid } from './contact-routes.js';

/** One working request per contract operation, against the default data set. */
export interface RouteRow {
  readonly operationId: string;
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly body?: unknown;
}

export const ROUTE_ROWS: readonly RouteRow[] = [
  { operationId: 'listBranches', method: 'get', path: `${BASE}/company/branches/0/10` },
  { operationId: 'listTenants', method: 'get', path: `${BASE}/tenants/0/10` },
  { operationId: 'listLandlords', method: 'get', path: `${BASE}/landlords/0/10` },
  { operationId: 'listLettingsApplicants', method: 'get', path: `${BASE}/applicants/lettings/0/10` },
  { operationId: 'listSalesApplicants', method: 'get', path: `${BASE}/applicants/sales/0/10` },
  { operationId: 'listVendors', method: 'get', path: `${BASE}/vendors/0/10` },
  { operationId: 'getPersonContacts', method: 'get', path: `${BASE}/person/${oid('PER', 0)}/personcontacts` },
  { operationId: 'getTenant', method: 'get', path: `${BASE}/tenants/${oid('TEN', 1)}` },
  { operationId: 'getLandlord', method: 'get', path: `${BASE}/landlords/${oid('LAN', 1)}` },
  { operationId: 'getLettingsApplicant', method: 'get', path: `${BASE}/applicants/lettings/${oid('LAP', 1)}` },
  { operationId: 'getSalesApplicant', method: 'get', path: `${BASE}/applicants/sales/${oid('SAP', 1)}` },
  { operationId: 'getVendor', method: 'get', path: `${BASE}/vendors/${oid('VEN', 1)}` },
  {
    operationId: 'getCustomFieldDefinitions',
    method: 'get',
    path: `${BASE}/company/object/${oid('TEN', 1)}/customfield`,
  },
  {
    operationId: 'getCustomFieldValue',
    method: 'get',
    path: `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/value`,
  },
  {
    operationId: 'setCustomFieldValue',
    method: 'post',
    path: `${BASE}/company/objects/${oid('TEN', 1)}/${oid('CF', 0)}/customfield`,
    body: { Value: 'CRM-1234' },
  },
];

/** The same request for another agency. */
export function forAgency(row: RouteRow, shortName: string): RouteRow {
  return { ...row, path: row.path.replace(BASE, `/v4/contacts/${shortName}`) };
}
