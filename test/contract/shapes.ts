import { MatchersV3 } from '@pact-foundation/pact';

const { regex, integer, number, boolean, string, like, eachLike, atLeastLike } = MatchersV3;

/** Names shared by the consumer tests and the verification. */
export const CONSUMER = 'agentos-contacts-client';
export const PROVIDER = 'agentos-v4-contacts';
export const SHORT_NAME = 'demo';
export const BASE = `/v4/contacts/${SHORT_NAME}`;
export const EXAMPLE_KEY = 'partner-api-key';
export const INTEGRATOR = 'partner-crm';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

export const oid = (prefix: string, example = `${prefix}-0000000001`) => regex(`^${prefix}-[0-9]{10}$`, example);
export const date = (example = '2024-05-01') => regex(DATE, example);
export const oneOf = (values: readonly string[], example = values[0] as string) =>
  regex(`^(${values.map((value) => value.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})$`, example);

/** The key header every authenticated interaction sends (any string: the verifier puts in the real one). */
export const keyHeader = { api_key: string(EXAMPLE_KEY) };

/** Fields every contact record has, consented or not. */
function contactBase(prefix: string, consent?: boolean) {
  return {
    OID: oid(prefix),
    PersonID: oid('PER'),
    BranchID: oid('BRA', 'BRA-0000000000'),
    ETag: regex('^[0-9a-f]{16}$', '3f9a0c1d2b4e5f60'),
    ThirdPartyMarketingConsent: consent === undefined ? boolean(true) : consent,
    CreatedDate: date('2023-04-11'),
  };
}

/** The personal fields a consented record carries (what a CRM import reads). */
const personalFields = {
  Forename: string('Amelia'),
  Surname: string('Hughes'),
  Email: regex('^[^@\\s]+@[^@\\s]+$', 'amelia.hughes@example.co.uk'),
  MobilePhone: string('07700 900123'),
  Address: like({ AddressLine1: '12 Mill Lane', Town: 'Bristol', Postcode: 'BS1 4DJ', Country: 'United Kingdom' }),
};

const typeFields = {
  tenants: {
    Status: oneOf(['Prospective', 'Current', 'Former'], 'Current'),
    TenancyStartDate: date('2023-05-01'),
    IsLeadTenant: boolean(true),
  },
  landlords: {
    Status: oneOf(['Active', 'Inactive']),
    ManagementType: oneOf(['Fully managed', 'Rent collection', 'Let only']),
    PropertyCount: integer(3),
    IsCompany: boolean(false),
    NonResidentLandlord: boolean(false),
  },
  lettingsApplicants: {
    Status: oneOf(['Active', 'Viewing', 'Offer made', 'Let', 'Archived']),
    MinBedrooms: integer(2),
    MaxMonthlyRent: number(1400),
    HasPets: boolean(false),
  },
  salesApplicants: {
    Status: oneOf(['Active', 'Viewing', 'Offer made', 'Sale agreed', 'Archived']),
    MinBedrooms: integer(3),
    MaxPrice: number(350000),
    BuyerPosition: oneOf(['First-time buyer', 'Nothing to sell', 'Property to sell', 'Under offer', 'Investor']),
    MortgageInPrinciple: boolean(true),
  },
  vendors: {
    Status: oneOf(['Valuation', 'On market', 'Under offer', 'Completed', 'Withdrawn'], 'On market'),
    AskingPrice: number(425000),
    InstructedDate: date('2024-02-14'),
    PropertyType: oneOf(['Flat', 'Terraced', 'Semi-detached', 'Detached', 'Bungalow'], 'Terraced'),
  },
} as const;

export type ContactKind = keyof typeof typeFields;

/** How each contact type appears in URLs, IDs and provider states. */
export const KINDS: Readonly<
  Record<ContactKind, { path: string; prefix: string; idName: string; state: string; label: string; query: string }>
> = {
  tenants: {
    path: '/tenants',
    prefix: 'TEN',
    idName: 'tenantID',
    state: 'a tenant exists',
    label: 'tenant',
    query: 'integrator',
  },
  landlords: {
    path: '/landlords',
    prefix: 'LAN',
    idName: 'landlordID',
    state: 'a landlord exists',
    label: 'landlord',
    query: 'integrator',
  },
  lettingsApplicants: {
    path: '/applicants/lettings',
    prefix: 'LAP',
    idName: 'lettingsApplicantID',
    state: 'a lettings applicant exists',
    label: 'lettings applicant',
    query: 'integration',
  },
  salesApplicants: {
    path: '/applicants/sales',
    prefix: 'SAP',
    idName: 'salesApplicantID',
    state: 'a sales applicant exists',
    label: 'sales applicant',
    query: 'integration',
  },
  vendors: {
    path: '/vendors',
    prefix: 'VEN',
    idName: 'vendorID',
    state: 'a vendor exists',
    label: 'vendor',
    query: 'integrator',
  },
};

/** A list element: only what every record has (consent varies across a page, so no personal field). */
export const listRecord = (kind: ContactKind) => ({ ...contactBase(KINDS[kind].prefix), ...typeFields[kind] });

/** A record whose person consented: personal fields present. */
export const consentedRecord = (kind: ContactKind) => ({
  ...contactBase(KINDS[kind].prefix, true),
  ...personalFields,
  ...typeFields[kind],
});

/** A record whose person did not consent: the example carries no personal field at all. */
export const unconsentedRecord = (kind: ContactKind) => ({
  ...contactBase(KINDS[kind].prefix, false),
  ...typeFields[kind],
});

export const page = (item: unknown, min = 1) => ({
  Count: integer(min),
  Data: min > 1 ? atLeastLike(item, min) : eachLike(item),
});

export const branch = {
  OID: oid('BRA', 'BRA-0000000000'),
  ETag: regex('^[0-9a-f]{16}$', '0a1b2c3d4e5f6789'),
  Name: string('Clifton Lettings'),
  Telephone: string('0117 496 0541'),
  Email: regex('^[^@\\s]+@[^@\\s]+$', 'clifton@example.co.uk'),
};

export const problemHeaders = {
  'Content-Type': regex('^application/problem\\+json(;.*)?$', 'application/problem+json'),
};

export const problem = (status: number, type: string, title: string, detail: string) => ({
  type: regex('^[a-z][a-z0-9+.-]*:.+', `urn:agentos-contacts-kit:problem:${type}`),
  title: string(title),
  status,
  detail: string(detail),
});
