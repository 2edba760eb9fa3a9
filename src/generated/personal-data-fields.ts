// Generated from contracts/v4-contacts.openapi.yaml by scripts/write-personal-data-fields.ts: do not edit.
export const GENERATED_PERSONAL_DATA_FIELDS = [
  'Title',
  'Forename',
  'Surname',
  'Email',
  'MobilePhone',
  'HomePhone',
  'DateOfBirth',
  'Address',
  'EmployerName',
  'NationalInsuranceNumber',
  'BankAccountName',
  'AnnualIncome',
] as const;
