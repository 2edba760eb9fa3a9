import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  hasMarketingConsent,
  PERSONAL_DATA_FIELDS,
  personalFieldsPresent,
  withoutPersonalData,
  type ConsentAware,
  type Tenant,
} from '../../src/index.js';
import { personalDataPaths } from '../support/personal-data-paths.js';

const SCHEMAS = ['Tenant', 'Landlord', 'LettingsApplicant', 'SalesApplicant', 'Vendor'];

describe('consent helpers', () => {
  it('PERSONAL_DATA_FIELDS is exactly what the contract marks x-personal-data', () => {
    const marked = new Set(SCHEMAS.flatMap((schema) => personalDataPaths(schema).map((path) => path.join('.'))));
    expect([...PERSONAL_DATA_FIELDS].sort()).toEqual([...marked].sort());
  });

  it('hasMarketingConsent narrows; without it personal fields do not type-check', () => {
    const record = { OID: 'TEN-0000000001', ThirdPartyMarketingConsent: false } as unknown as ConsentAware<Tenant>;
    // @ts-expect-error: a record whose consent was not checked has no personal fields to read.
    expect(record.EmailAddress).toBeUndefined();
    if (hasMarketingConsent(record)) {
      expectTypeOf(record.EmailAddress).toEqualTypeOf<string | null | undefined>();
    } else {
      expectTypeOf(record).not.toHaveProperty('EmailAddress');
      expectTypeOf(record).toHaveProperty('OID');
    }
    expect(hasMarketingConsent(record)).toBe(false);
  });

  it('finds and strips personal fields', () => {
    const [first, second, third] = PERSONAL_DATA_FIELDS;
    const record = { OID: 'TEN-0000000001', [first]: 'a value', [second]: {}, [third]: null, Status: 'Current' };
    expect(personalFieldsPresent(record)).toEqual([first, second]); // null holds no value
    expect(withoutPersonalData(record)).toEqual({ OID: 'TEN-0000000001', Status: 'Current' });
    expect(record[first]).toBe('a value'); // the input is not changed
  });
});
