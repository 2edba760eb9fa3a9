import { BASE } from './contact-routes.js';

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
  { operationId: 'getPersonContacts', method: 'get', path: `${BASE}/person/PER-0000000000/personcontacts` },
  { operationId: 'getTenant', method: 'get', path: `${BASE}/tenants/TEN-0000000001` },
  { operationId: 'getLandlord', method: 'get', path: `${BASE}/landlords/LAN-0000000001` },
  { operationId: 'getLettingsApplicant', method: 'get', path: `${BASE}/applicants/lettings/LAP-0000000001` },
  { operationId: 'getSalesApplicant', method: 'get', path: `${BASE}/applicants/sales/SAP-0000000001` },
  { operationId: 'getVendor', method: 'get', path: `${BASE}/vendors/VEN-0000000001` },
  {
    operationId: 'getCustomFieldDefinitions',
    method: 'get',
    path: `${BASE}/company/object/TEN-0000000001/customfield`,
  },
  { operationId: 'getCustomFieldValue', method: 'get', path: `${BASE}/company/objects/TEN-0000000001/TEN-CF01/value` },
  {
    operationId: 'setCustomFieldValue',
    method: 'post',
    path: `${BASE}/company/objects/TEN-0000000001/TEN-CF01/customfield`,
    body: { Value: 'Evening' },
  },
];

/** The same request for another agency. */
export function forAgency(row: RouteRow, shortName: string): RouteRow {
  return { ...row, path: row.path.replace(BASE, `/v4/contacts/${shortName}`) };
}
