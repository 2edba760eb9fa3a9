import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash3, hashInts } from '../../fixtures/random/keyed-stream.js';

describe('hash3', () => {
  it('is hashInts of three numbers, for words, large and negative numbers and fractions', () => {
    const number = fc.oneof(
      fc.nat({ max: 2 ** 32 - 1 }),
      fc.integer({ min: 2 ** 32, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: -(2 ** 40), max: -1 }),
      fc.double({ noNaN: false }),
    );
    fc.assert(
      fc.property(number, number, number, (a, b, c) => {
        expect(hash3(a, b, c)).toBe(hashInts(a, b, c));
      }),
      { numRuns: 2000 },
    );
  });
});
