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
  ConsentDetails?: ConsentDetails;
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

export interface CustomFieldDefinition {
  FieldID: string;
  Name: string;
  DataType: CustomFieldDataType;
  Options?: string[];
}

export interface CustomFieldValue {
  ObjectID: string;
  FieldID: string;
  DataType: CustomFieldDataType;
  Value: string | number | boolean;
}
