import { MatchersV3 } from '@pact-foundation/pact';

const { regex, integer, number, boolean, string, eachLike, atLeastLike } = MatchersV3;

/** Names shared by the consumer tests and the verification. */
export const CONSUMER = 'agentos-contacts-client';
export const PROVIDER = 'agentos-v4-contacts';
export const SHORT_NAME = 'demo';
export const BASE = `/v4/contacts/${SHORT_NAME}`;
export const EXAMPLE_KEY = 'partner-api-key';
export const INTEGRATOR = 'partner-crm';

/** agentOS OIDs: opaque, 16 lower-case hex digits in four groups, no type visible. */
export const OID_PATTERN = '^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$';
export const OID_RE = new RegExp(OID_PATTERN);
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z?$';

/** Example OIDs for the consumer side (the verifier substitutes real ones through provider states). */
export const EXAMPLE_OIDS = {
  branch: '0004-f421-2742-3f00',
  person: '0004-f421-2742-3f01',
  contact: '0004-f421-2742-3f02',
  unconsented: '0004-f421-2742-3f03',
  unknown: '0004-f421-2742-3fff',
  field: '0004-f421-2742-3f10',
} as const;

export const oid = (example: string = EXAMPLE_OIDS.contact) => regex(OID_PATTERN, example);
export const dateTime = (example = '2024-05-01T00:00:00') => regex(DATE_TIME, example);
export const oneOf = (values: readonly string[], example = values[0] as string) =>
  regex(`^(${values.map((value) => value.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`, example);

/** The key header every authenticated interaction sends (any string: the verifier puts in the real one). */
export const keyHeader = { api_key: string(EXAMPLE_KEY) };

/** Fields every contact record has, consented or not. */
function contactBase(consent?: boolean) {
  return {
    OID: oid(),
    PersonID: oid(EXAMPLE_OIDS.person),
    BranchID: oid(EXAMPLE_OIDS.branch),
    ETag: regex('^[0-9a-f]{16}$', '3f9a0c1d2b4e5f60'),
    GlobalReference: string('CLI/T/000042'),
    ThirdPartyMarketingConsent: consent === undefined ? boolean(true) : consent,
    CreatedAt: dateTime('2023-04-11T14:32:05'),
  };
}

/** The personal fields a consented record carries (what a CRM import reads): flat, agentOS's names. */
const personalFields = {
  Forename: string('Amelia'),
  Surname: string('Hughes'),
  EmailAddress: regex('^[^@\\s]+@[^@\\s]+$', 'amelia.hughes@example.co.uk'),
};

// Enums are open (agentOS's .NET enum names): strings, with PascalCase examples.
const typeFields = {
  tenants: {
    Status: string('Current'),
    IsLeadTenant: boolean(true),
    RentAmount: number(1250),
    RentSchedule: string('Monthly'),
  },
  landlords: {
    Status: string('Active'),
    ManagementType: string('FullyManaged'),
    PropertyCount: integer(3),
    IsCompany: boolean(false),
    NonResidentLandlord: boolean(false),
  },
  lettingsApplicants: {
    Status: string('OfferMade'),
    MinBedrooms: integer(2),
    MaxRentAmount: number(1400),
    RentSchedule: string('Monthly'),
    HasPets: boolean(false),
  },
  salesApplicants: {
    Status: string('Active'),
    MinBedrooms: integer(3),
    MaxPrice: number(350000),
    BuyerPosition: string('FirstTimeBuyer'),
    MortgageInPrinciple: boolean(true),
  },
  vendors: {
    Status: string('Advertised'),
    AskingPrice: number(425000),
    PropertyType: string('TerracedHouse'),
  },
} as const;

export type ContactKind = keyof typeof typeFields;

/** How each contact type appears in URLs, IDs and provider states. */
export const KINDS: Readonly<
  Record<ContactKind, { path: string; idName: string; state: string; label: string; query: string }>
> = {
  tenants: {
    path: '/tenants',
    idName: 'tenantID',
    state: 'a tenant exists',
    label: 'tenant',
    query: 'integrator',
  },
  landlords: {
    path: '/landlords',
    idName: 'landlordID',
    state: 'a landlord exists',
    label: 'landlord',
    query: 'integrator',
  },
  lettingsApplicants: {
    path: '/applicants/lettings',
    idName: 'lettingsApplicantID',
    state: 'a lettings applicant exists',
    label: 'lettings applicant',
    query: 'integration',
  },
  salesApplicants: {
    path: '/applicants/sales',
    idName: 'salesApplicantID',
    state: 'a sales applicant exists',
    label: 'sales applicant',
    query: 'integration',
  },
  vendors: {
    path: '/vendors',
    idName: 'vendorID',
    state: 'a vendor exists',
    label: 'vendor',
    query: 'integrator',
  },
};

/** A list element: only what every record has (consent varies across a page, so no personal field). */
export const listRecord = (kind: ContactKind) => ({ ...contactBase(), ...typeFields[kind] });

/** A record whose person consented: personal fields present. */
export const consentedRecord = (kind: ContactKind) => ({
  ...contactBase(true),
  ...personalFields,
  ...typeFields[kind],
});

/** A record whose person did not consent: the example carries no personal field at all. */
export const unconsentedRecord = (kind: ContactKind) => ({
  ...contactBase(false),
  ...typeFields[kind],
});

export const page = (item: unknown, min = 1) => ({
  Count: integer(min),
  Data: min > 1 ? atLeastLike(item, min) : eachLike(item),
});

/** agentOS's BranchModel. */
export const branch = {
  OID: oid(EXAMPLE_OIDS.branch),
  ETag: regex('^[0-9a-f]{16}$', '0a1b2c3d4e5f6789'),
  Name: string('Clifton Lettings'),
  EMailAddress: regex('^[^@\\s]+@[^@\\s]+$', 'clifton@example.co.uk'),
};

/** Errors: `{"Message"}` application/json by default, problem+json with `--errors problem`; either passes. */
export const errorHeaders = {
  'Content-Type': regex('^application/(problem\\+)?json(;.*)?$', 'application/json; charset=utf-8'),
};
