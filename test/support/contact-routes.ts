import type { ContactTypeKey } from '../../fixtures/contact-types.js';
import { hashInts, hashString } from '../../fixtures/random/keyed-stream.js';
import { createOidCodec, type OidCodec, type OidKind } from '../../fixtures/random/opaque-id.js';

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

/** The kind of object each short test prefix names (OIDs themselves are opaque). */
const KIND_OF_PREFIX: Readonly<Record<string, OidKind>> = {
  TEN: 'tenants',
  LAN: 'landlords',
  LAP: 'lettingsApplicants',
  SAP: 'salesApplicants',
  VEN: 'vendors',
  BRA: 'branch',
  PER: 'person',
  CF: 'customField',
};

const codecs = new Map<string, OidCodec>();

/** The OID codec of an agency: the mock keys it by hashInts(seed, hashString(shortName)). */
export function agencyCodec(seed = 1, shortName = AGENCY): OidCodec {
  const key = `${seed}/${shortName}`;
  let codec = codecs.get(key);
  if (!codec) {
    codec = createOidCodec(hashInts(seed, hashString(shortName)));
    codecs.set(key, codec);
  }
  return codec;
}

/** The OID the mock gives object `index` of a kind (named by its test prefix), for a seed and agency. */
export function oid(prefix: string, index: number, seed = 1, shortName = AGENCY): string {
  const kind = KIND_OF_PREFIX[prefix];
  if (!kind) throw new Error(`unknown test prefix ${prefix}`);
  return agencyCodec(seed, shortName).encode(kind, index);
}

/** The route of a record's OID, by decoding it with the agency's codec. */
export function routeOfOid(id: string, seed = 1, shortName = AGENCY): ContactRoute {
  const kind = agencyCodec(seed, shortName).decode(id)?.kind;
  const route = CONTACT_ROUTES.find((candidate) => candidate.key === kind);
  if (!route) throw new Error(`${id} is not a contact OID`);
  return route;
}
