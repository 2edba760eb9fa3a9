import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_TYPE_KEYS, type ContactTypeKey, type Counts } from '../../fixtures/contact-types.js';
import { PersonLinks } from '../../fixtures/people/person-links.js';

const countsArbitrary = fc
  .array(fc.integer({ min: 0, max: 400 }), { minLength: 5, maxLength: 5 })
  .map((sizes) => Object.fromEntries(CONTACT_TYPE_KEYS.map((key, i) => [key, sizes[i] as number])) as Counts);
const shareArbitrary = fc.double({ min: 0, max: 0.9, noNaN: true });

/** Every (type, index) record of a data set, with the person personOf gives it. */
function everyRecord(links: PersonLinks, counts: Counts): { type: ContactTypeKey; index: number; person: number }[] {
  return CONTACT_TYPE_KEYS.flatMap((type) =>
    Array.from({ length: counts[type] }, (_, index) => ({ type, index, person: links.personOf(type, index) })),
  );
}

describe('PersonLinks', () => {
  it('personOf and rolesOf invert each other over whole data sets', () => {
    fc.assert(
      fc.property(countsArbitrary, shareArbitrary, (counts, share) => {
        const links = new PersonLinks(counts, share);
        const records = everyRecord(links, counts);
        // Plain checks collected, then one expect: an expect per record cost seconds over ~40,000 records.
        const wrong: string[] = [];
        for (const { type, index, person } of records) {
          const inRange = Number.isInteger(person) && person >= 0 && person < links.personCount;
          const held = inRange ? links.rolesOf(person) : [];
          if (!held.some((role) => role.type === type && role.index === index)) {
            wrong.push(`${type} ${index}: person ${person} does not hold it`);
          }
        }
        let roles = 0;
        for (let person = 0; person < links.personCount; person++) {
          const held = links.rolesOf(person);
          if (held.length === 0) wrong.push(`person ${person} holds no role`);
          for (const role of held) {
            const owner = links.personOf(role.type, role.index);
            if (owner !== person)
              wrong.push(`${role.type} ${role.index}: person ${person} holds it, personOf says ${owner}`);
          }
          roles += held.length;
        }
        expect(wrong.slice(0, 5)).toEqual([]);
        // Each record is one role of one person: no record is lost or counted twice.
        expect(roles).toBe(records.length);
      }),
      { numRuns: 30 },
    );
  });

  it('no person holds two roles of the same type, and roles come in contact-type order', () => {
    fc.assert(
      fc.property(countsArbitrary, shareArbitrary, (counts, share) => {
        const links = new PersonLinks(counts, share);
        for (let person = 0; person < links.personCount; person++) {
          const roles = links.rolesOf(person);
          const order = roles.map((role) => CONTACT_TYPE_KEYS.indexOf(role.type));
          expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
          // What consent reads: the first role's type, without the list.
          expect(links.firstRoleType(person)).toBe(roles[0]?.type);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('with balanced counts, the share of records held by multi-role people is the configured share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 3000 }), shareArbitrary, (size, share) => {
        const counts = {
          tenants: size,
          landlords: size,
          lettingsApplicants: size,
          salesApplicants: size,
          vendors: size,
        };
        const links = new PersonLinks(counts, share);
        for (const type of CONTACT_TYPE_KEYS) {
          let multi = 0;
          for (let index = 0; index < size; index++) if (links.rolesOf(links.personOf(type, index)).length > 1) multi++;
          expect(Math.abs(multi / size - share)).toBeLessThanOrEqual(1 / size);
        }
      }),
      { numRuns: 20 },
    );
  });

  it.each([-1, 1.5, Number.NaN, 10 ** 12])('rolesOf(%s) is empty, and there is no first role', (person) => {
    const links = new PersonLinks(
      { tenants: 5, landlords: 5, lettingsApplicants: 5, salesApplicants: 5, vendors: 5 },
      0.2,
    );
    expect(links.rolesOf(person)).toEqual([]);
    expect(links.firstRoleType(person)).toBeUndefined();
  });

  it('stays exact for a data set of a billion records per type', () => {
    const size = 1_000_000_000;
    const links = new PersonLinks(
      { tenants: size, landlords: size, lettingsApplicants: size, salesApplicants: size, vendors: size },
      0.37,
    );
    for (const type of CONTACT_TYPE_KEYS) {
      for (const index of [0, 1, 12_345_678, size - 2, size - 1]) {
        const person = links.personOf(type, index);
        expect(links.rolesOf(person)).toContainEqual({ type, index });
      }
    }
  });
});
