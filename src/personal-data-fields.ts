import type { ContactRecord } from './contract-types.js';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * The record properties the contract marks `x-personal-data: true`. The generated types do not
 * carry the mark, so this list is checked against the contract by a test (test/client): a mark
 * added to the contract without a line here fails CI.
 */
export const PERSONAL_DATA_FIELDS = [
  'Title',
  'Forename',
  'Surname',
  'EmailAddress',
  'MobilePhone',
  'HomePhone',
  'WorkPhone',
  'DateOfBirth',
  'AddressNumber',
  'Address1',
  'Address2',
  'Address3',
  'Address4',
  'Postcode',
  'EmployerName',
] as const satisfies ReadonlyArray<KeysOfUnion<ContactRecord>>;

export type PersonalDataField = (typeof PERSONAL_DATA_FIELDS)[number];
