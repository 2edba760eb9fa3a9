import { describe, expect, it } from 'vitest';
import type { MockOptionsInput } from '../../../mock-server/options/mock-options.js';
import { startMockTarget, TEST_KEY } from '../mock-target.js';
import { conformanceSuite, type ConformanceTarget } from './conformance-suite.js';
import { isDeclared, optionsOf, READINGS, readingName } from './readings.js';

const counts = { tenants: 400, landlords: 150, lettingsApplicants: 200, salesApplicants: 90, vendors: 60 };

function inProcessMock(name: string, reading: MockOptionsInput, fetchFor?: () => typeof fetch): ConformanceTarget {
  return {
    name,
    writable: true,
    pageSize: 25,
    explainsErrors: true,
    start: async () => {
      const target = await startMockTarget({ counts, branches: 4, multiRoleShare: 0.2, ...reading });
      return {
        options: {
          baseUrl: target.baseUrl,
          apiKey: TEST_KEY,
          shortName: 'demo',
          integrator: 'conformance',
          rateLimit: { requests: 1000, windowMs: 1000 },
          ...(fetchFor ? { fetch: fetchFor() } : {}),
        },
        stop: () => target.close(),
      };
    },
  };
}

// The suite once with every switch at its default, then once per other value of each switch,
// the rest at their defaults: the client is shown to work whichever reading live has.
conformanceSuite(inProcessMock('in-process mock, every switch at its default', {}));
for (const reading of READINGS) {
  conformanceSuite(inProcessMock(`in-process mock, ${readingName(reading)}`, optionsOf(reading)));
}
// Every reading is a declared flag: a switch renamed or left out fails here instead of silently
// dropping its reading.
describe('the readings the conformance suite runs under', () => {
  it('every row is a flag of the mock', () => {
    expect(READINGS.filter((reading) => !isDeclared(reading.flag)).map(readingName)).toEqual([]);
  });

  it('each declared row gives options the mock accepts, and differs from the default', async () => {
    const { resolveOptions, DEFAULT_OPTIONS } = await import('../../../mock-server/options/mock-options.js');
    for (const reading of READINGS) {
      const input = optionsOf(reading);
      const [field] = Object.keys(input) as (keyof typeof DEFAULT_OPTIONS)[];
      expect(field, readingName(reading)).toBeDefined();
      const resolved = resolveOptions(input);
      expect(resolved[field as keyof typeof resolved], readingName(reading)).not.toEqual(
        DEFAULT_OPTIONS[field as keyof typeof DEFAULT_OPTIONS],
      );
    }
  });
});
