import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilMulDiv, floorMulDiv } from '../../fixtures/random/multiply-divide.js';

const SAFE = Number.MAX_SAFE_INTEGER;

function exactFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
function exactCeil(a: number, b: number, c: number): number {
  const product = BigInt(a) * BigInt(b);
  return Number((product + BigInt(c) - 1n) / BigInt(c));
}

// The data set divides products of counts by counts: a <= c keeps every result a safe integer.
const operands = fc
  .tuple(fc.integer({ min: 0, max: SAFE }), fc.integer({ min: 0, max: SAFE }), fc.integer({ min: 1, max: SAFE }))
  .map(([a, b, c]): [number, number, number] => (a <= c ? [a, b, c] : [c, b, a]))
  .filter(([, , c]) => c > 0);

describe('floorMulDiv and ceilMulDiv', () => {
  it('match BigInt arithmetic at any size', () => {
    fc.assert(
      fc.property(operands, ([a, b, c]) => {
        expect(floorMulDiv(a, b, c)).toBe(exactFloor(a, b, c));
        expect(ceilMulDiv(a, b, c)).toBe(exactCeil(a, b, c));
      }),
      { numRuns: 2000 },
    );
  });

  it('match BigInt below 2^52, where a floating division is corrected by its remainder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 26 }),
        fc.integer({ min: 0, max: 2 ** 26 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (a, b, c) => {
          // c, and c next to the product and its factors, where a rounded quotient would be one off.
          for (const divisor of [c, a * b, a * b - 1, a * b + 1, a + 1, b + 1].filter((value) => value >= 1)) {
            expect(floorMulDiv(a, b, divisor)).toBe(exactFloor(a, b, divisor));
            expect(ceilMulDiv(a, b, divisor)).toBe(exactCeil(a, b, divisor));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('match BigInt where the product just passes 2^53', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 ** 26, max: 2 ** 31 }), fc.integer({ min: 2 ** 26, max: 2 ** 31 }), (a, b) => {
        for (const c of [b, b - 1, b + 1, 3, 1_000_000_007].filter((value) => value >= a)) {
          expect(floorMulDiv(a, b, c)).toBe(exactFloor(a, b, c));
          expect(ceilMulDiv(a, b, c)).toBe(exactCeil(a, b, c));
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    // A float product would round these, and a float division would round up to the next integer.
    [999_999_999, 999_999_937, 1_000_000_000],
    [2 ** 53 - 1, 3, 2 ** 53 - 1],
    [94_906_267, 94_906_267, 94_906_268],
    [123_456_789_012, 987_654_321, 999_999_999_999],
    [0, SAFE, 7],
    [SAFE, SAFE, SAFE],
  ])('floor/ceil(%i * %i / %i) are exact', (a, b, c) => {
    expect(floorMulDiv(a, b, c)).toBe(exactFloor(a, b, c));
    expect(ceilMulDiv(a, b, c)).toBe(exactCeil(a, b, c));
  });
});
