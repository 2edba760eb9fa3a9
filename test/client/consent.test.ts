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
    const record = { OID: 'TEN-0000000001', EmailAddress: 'a@example.com', Address3: 'Leeds', Status: 'Current' };
    expect(personalFieldsPresent(record)).toEqual(['EmailAddress', 'Address3']);
    expect(withoutPersonalData(record)).toEqual({ OID: 'TEN-0000000001', Status: 'Current' });
    expect(record.EmailAddress).toBe('a@example.com'); // the input is not changed
  });
});
