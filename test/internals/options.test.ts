import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIONS,
  OptionsError,
  resolveOptions,
  type MockOptionsInput,
} from '../../mock-server/options/mock-options.js';

function rejection(input: MockOptionsInput): OptionsError {
  try {
    resolveOptions(input);
  } catch (error) {
    if (error instanceof OptionsError) return error;
    throw error;
  }
  throw new Error(`resolveOptions accepted ${JSON.stringify(input)}`);
}

describe('resolveOptions rejects out-of-range values with an OptionsError naming the option', () => {
  it.each([
    { option: 'port', input: { port: -1 } },
    { option: 'port', input: { port: 65_536 } },
    { option: 'port', input: { port: 80.5 } },
    { option: 'seed', input: { seed: -1 } },
    { option: 'seed', input: { seed: 2 ** 32 } },
    { option: 'seed', input: { seed: Number.NaN } },
    { option: 'consentRate', input: { consentRate: 1.01 } },
    { option: 'consentRate', input: { consentRate: -0.1 } },
    { option: 'consentRate', input: { consentRate: Number.NaN } },
    { option: 'consentRates.tenants', input: { consentRates: { tenants: 2 } } },
    { option: 'consentRates.vendors', input: { consentRates: { vendors: -1 } } },
    { option: 'counts.tenants', input: { counts: { tenants: -1 } } },
    { option: 'counts.landlords', input: { counts: { landlords: 1.5 } } },
    { option: 'counts.vendors', input: { counts: { vendors: 1_000_000_001 } } },
    { option: 'branches', input: { branches: 0 } },
    { option: 'branches', input: { branches: 10_000 } },
    { option: 'multiRoleShare', input: { multiRoleShare: 0.91 } },
    { option: 'multiRoleShare', input: { multiRoleShare: -0.01 } },
    { option: 'withheld', input: { withheld: 'hide' as never } },
    { option: 'shortNames', input: { shortNames: [] } },
    { option: 'shortNames', input: { shortNames: ['demo', 'not valid'] } },
    { option: 'shortNames', input: { shortNames: ['x'.repeat(65)] } },
    { option: 'apiKeys', input: { apiKeys: ['ok', ''] } },
    { option: 'responseCacheMb', input: { responseCacheMb: -1 } },
    { option: 'responseCacheMb', input: { responseCacheMb: Number.POSITIVE_INFINITY } },
  ])('$option: $input', ({ option, input }) => {
    const error = rejection(input);
    expect(error.option).toBe(option);
    expect(error.message.startsWith(`${option}: `)).toBe(true);
    expect(error.name).toBe('OptionsError');
  });
});

describe('resolveOptions accepts', () => {
  it('nothing, giving the defaults', () => {
    expect(resolveOptions()).toEqual(DEFAULT_OPTIONS);
  });

  it.each([
    { port: 0 },
    { port: 65_535 },
    { seed: 0 },
    { seed: 2 ** 32 - 1 },
    { consentRate: 0 },
    { consentRate: 1 },
    { consentRates: { salesApplicants: 0, vendors: 1 } },
    { counts: { tenants: 0 } },
    { counts: { tenants: 1_000_000_000 } },
    { branches: 1 },
    { branches: 9_999 },
    { multiRoleShare: 0 },
    { multiRoleShare: 0.9 },
    { withheld: 'omit' as const },
    { responseCacheMb: 0 },
  ])('the edge value %o', (input) => {
    expect(() => resolveOptions(input)).not.toThrow();
  });

  it('merges partial counts and rates over the defaults without mutating either', () => {
    const input = { counts: { vendors: 7 }, consentRates: { tenants: 0.2 } };
    const frozen = JSON.stringify(DEFAULT_OPTIONS);
    const options = resolveOptions(input);
    expect(options.counts).toEqual({ ...DEFAULT_OPTIONS.counts, vendors: 7 });
    expect(options.consentRates).toEqual({ tenants: 0.2 });
    expect(JSON.stringify(DEFAULT_OPTIONS)).toBe(frozen);
    expect(input).toEqual({ counts: { vendors: 7 }, consentRates: { tenants: 0.2 } });
  });
});
