import type { ContactTypeKey } from '../../fixtures/contact-types.js';

/** The five contact types as the contract names them: routes, schemas, ID prefixes, identification. */
export interface ContactRoute {
  readonly key: ContactTypeKey;
  /** The path after `/v4/contacts/{shortName}/`, shared by the list and the single-record route. */
  readonly segment: string;
  readonly schema: 'Tenant' | 'Landlord' | 'LettingsApplicant' | 'SalesApplicant' | 'Vendor';
  readonly prefix: string;
  /** The query parameter this route reads to identify the integrator. */
  readonly identification: 'integrator' | 'integration';
}

export const CONTACT_ROUTES: readonly ContactRoute[] = [
  { key: 'tenants', segment: 'tenants', schema: 'Tenant', prefix: 'TEN', identification: 'integrator' },
  { key: 'landlords', segment: 'landlords', schema: 'Landlord', prefix: 'LAN', identification: 'integrator' },
  {
    key: 'lettingsApplicants',
    segment: 'applicants/lettings',
    schema: 'LettingsApplicant',
    prefix: 'LAP',
    identification: 'integration',
  },
  {
    key: 'salesApplicants',
    segment: 'applicants/sales',
    schema: 'SalesApplicant',
    prefix: 'SAP',
    identification: 'integration',
  },
  { key: 'vendors', segment: 'vendors', schema: 'Vendor', prefix: 'VEN', identification: 'integrator' },
];

export const AGENCY = 'demo';
export const BASE = `/v4/contacts/${AGENCY}`;

export function listPath(route: ContactRoute, offset: number, count: number, query = ''): string {
  return `${BASE}/${route.segment}/${offset}/${count}${query ? `?${query}` : ''}`;
}

export function recordPath(route: ContactRoute, oid: string, query = ''): string {
  return `${BASE}/${route.segment}/${oid}${query ? `?${query}` : ''}`;
}

export function oid(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(10, '0')}`;
}

/** The route of a record's OID, from its prefix. */
export function routeOfOid(id: string): ContactRoute {
  const route = CONTACT_ROUTES.find((candidate) => id.startsWith(`${candidate.prefix}-`));
  if (!route) throw new Error(`${id} is not a contact OID`);
  return route;
}
