import type { components, operations } from './generated/v4-contacts.js';

// Friendly names for the generated contract types. The contract marks personal fields optional,
// so code that reads `record.Email` without checking consent (or presence) does not compile.
type Schemas = components['schemas'];

export type Branch = Schemas['Branch'];
export type Tenant = Schemas['Tenant'];
export type Landlord = Schemas['Landlord'];
export type LettingsApplicant = Schemas['LettingsApplicant'];
export type SalesApplicant = Schemas['SalesApplicant'];
export type Vendor = Schemas['Vendor'];
export type ContactRecord = Tenant | Landlord | LettingsApplicant | SalesApplicant | Vendor;
export type PersonContact = Schemas['PersonContact'];
export type CustomFieldDefinition = Schemas['CustomFieldDefinition'];
export type CustomFieldValue = Schemas['CustomFieldValue'];
export type CustomFieldScalar = Exclude<Schemas['CustomFieldValue'], null>;
/** An RFC 9457 body, when the server writes one (agentOS itself writes `{"Message"}`): see error-body.ts. */
export type { ProblemDetails as Problem } from './error-body.js';

/** The `{ Count, Data }` envelope of every list: `Count` is the total over all pages. */
export interface Page<T> {
  readonly Count: number;
  readonly Data: T[];
}

/** The parameters a list route takes, as the contract names them (path and query). */
export type ListTenantsParameters = operations['listTenants']['parameters'];
