import { isGiven } from './empty-values.js';
import { PERSONAL_DATA_FIELDS, type PersonalDataField } from './personal-data-fields.js';

interface ConsentFlag {
  ThirdPartyMarketingConsent: boolean;
}

/** A record whose person consented to "Third Party Marketing": its personal fields may be present. */
export type Consented<T extends ConsentFlag> = T & { ThirdPartyMarketingConsent: true };

/**
 * A record whose person did not consent: the personal fields are not just empty, they are not
 * part of the type, so reading `record.Email` here is a compile error. (On the wire they are
 * `null` or absent, depending on the server; either way there is nothing to read.)
 */
export type NotConsented<T extends ConsentFlag> = Omit<T, PersonalDataField | 'ThirdPartyMarketingConsent'> & {
  ThirdPartyMarketingConsent: false;
};

/**
 * What the client returns for contact records. Code must check consent (with
 * `hasMarketingConsent`, or the flag itself) before it can touch a personal field.
 */
export type ConsentAware<T extends ConsentFlag> = Consented<T> | NotConsented<T>;

/** Whether the person behind the record consented; narrows the type to the consented branch. */
export function hasMarketingConsent<T extends ConsentFlag>(record: ConsentAware<T> | T): record is Consented<T> {
  return record.ThirdPartyMarketingConsent === true;
}

/**
 * The record's personal-data fields that hold a value (should be none when consent is false).
 * A field sent as `null` holds none: Json.NET's way of writing a withheld value.
 */
export function personalFieldsPresent(record: object): PersonalDataField[] {
  const fields = record as Record<string, unknown>;
  return PERSONAL_DATA_FIELDS.filter((field) => Object.hasOwn(record, field) && isGiven(fields[field]));
}

/** A copy without any personal field: what to keep of a person who withdrew consent. */
export function withoutPersonalData<T extends object>(record: T): Omit<T, PersonalDataField> {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const field of PERSONAL_DATA_FIELDS) delete copy[field];
  return copy as Omit<T, PersonalDataField>;
}
