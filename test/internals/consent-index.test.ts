import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConsentIndex } from '../../mock-server/consent/consent-index.js';

/** A seeded yes/no per position, at a given density: stands in for consent without a data set. */
function predicate(seed: number, density: number): (index: number) => boolean {
  return (index) => {
    let x = Math.imul(index ^ seed, 0x9e3779b1) >>> 0;
    x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
    x ^= x >>> 13;
    return (x >>> 0) / 2 ** 32 < density;
  };
}

const scenario = fc
  .record({
    size: fc.integer({ min: 0, max: 5000 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    density: fc.constantFrom(0, 0.02, 0.3, 0.6, 0.97, 1),
    a: fc.nat(),
    b: fc.nat(),
    skip: fc.integer({ min: 0, max: 3000 }),
    take: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ size, a, b, ...rest }) => {
    const [start, end] = [a % (size + 1), b % (size + 1)].sort((x, y) => x - y) as [number, number];
    return { size, start, end, ...rest };
  });

describe('ConsentIndex', () => {
  it('countIn and select agree with brute force', () => {
    fc.assert(
      fc.property(scenario, ({ size, seed, density, start, end, skip, take }) => {
        const isConsented = predicate(seed, density);
        const index = new ConsentIndex(size, isConsented);
        const consenting = Array.from({ length: end - start }, (_, i) => start + i).filter(isConsented);
        expect(index.countIn(start, end)).toBe(consenting.length);
        expect(index.select(start, end, skip, take)).toEqual(consenting.slice(skip, skip + take));
      }),
      { numRuns: 300 },
    );
  });

  it('pages of any size walk the consenting records of a range exactly once', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 700 }), ({ size, seed, density, start, end }, pageSize) => {
        const isConsented = predicate(seed, density);
        const index = new ConsentIndex(size, isConsented);
        const walked: number[] = [];
        for (let skip = 0; skip < index.countIn(start, end); skip += pageSize) {
          walked.push(...index.select(start, end, skip, pageSize));
        }
        expect(walked).toEqual(Array.from({ length: end - start }, (_, i) => start + i).filter(isConsented));
      }),
      { numRuns: 100 },
    );
  });

  it.each([1023, 1024, 1025, 2048, 3071])('block edges: size %i', (size) => {
    const isConsented = predicate(size, 0.5);
    const index = new ConsentIndex(size, isConsented);
    const all = Array.from({ length: size }, (_, i) => i).filter(isConsented);
    expect(index.countIn(0, size)).toBe(all.length);
    for (const start of [0, 1023, 1024, size - 1]) {
      const inRange = all.filter((i) => i >= start);
      expect(index.countIn(start, size)).toBe(inRange.length);
      expect(index.select(start, size, 0, 5)).toEqual(inRange.slice(0, 5));
      expect(index.select(start, size, inRange.length - 1, 5)).toEqual(inRange.slice(-1));
    }
  });
});
