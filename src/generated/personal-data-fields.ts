// Generated from contracts/v4-contacts.openapi.yaml by scripts/write-personal-data-fields.ts: do not edit.
export const GENERATED_PERSONAL_DATA_FIELDS = [
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
] as const;
