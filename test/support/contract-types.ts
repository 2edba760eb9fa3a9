/** The contract's response shapes, for reading bodies the client has already validated. */
export interface Page<T> {
  Count: number;
  Data: T[];
}

export interface ConsentDetails {
  Purpose: string;
  DateGiven: string;
  Source: string;
}

export type Contact = Record<string, unknown> & {
  OID: string;
  PersonID: string;
  BranchID: string;
  ETag: string;
  ThirdPartyMarketingConsent: boolean;
  ConsentDetails?: ConsentDetails | null;
};

export interface Branch {
  OID: string;
  Name: string;
  ETag: string;
}

export interface PersonContact {
  ContactType: 'Tenant' | 'Landlord' | 'LettingsApplicant' | 'SalesApplicant' | 'Vendor';
  OID: string;
  BranchID: string;
}

export interface ProblemError {
  name: string;
  in: 'path' | 'query' | 'header' | 'body';
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemError[];
}

export type CustomFieldDataType = 'Text' | 'Number' | 'Date' | 'Boolean' | 'List';
export type CustomFieldValue = string | number | boolean | null;

/** agentOS's V4 shape of one custom field on an object (no data type). */
export interface CustomFieldDefinition {
  ID: string;
  TabName: string | null;
  GroupName: string | null;
  FieldName: string;
  Value: CustomFieldValue;
}

export interface CustomFieldDefinitions {
  CustomFields: CustomFieldDefinition[];
}

/** One field of the mock's catalogue (GET /__mock/customfields). */
export interface CatalogueField {
  ID: string;
  FieldName: string;
  TabName: string;
  GroupName: string;
  DataType: CustomFieldDataType;
  Options: string[] | null;
  PersonalData: boolean;
  AppliesTo: string[];
}
