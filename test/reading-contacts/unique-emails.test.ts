import { describe, expect, it } from 'vitest';
import { buildPersonalData } from '../../fixtures/people/person-factory.js';
import { buildFakerPools } from '../../fixtures/records/faker-pools.js';

// Finding 17: five addresses were shared by ten people across 420,899 records (a CRM merges them).
describe('e-mail addresses', () => {
  it.each([1, 42])('are unique across 60,000 people (seed %i)', (seed) => {
    const pools = buildFakerPools(seed);
    const owners = new Map<string, number>();
    const shared: string[] = [];
    for (let person = 0; person < 60_000; person++) {
      const email = buildPersonalData(pools, seed * 7919, person, false).EmailAddress;
      if (owners.has(email)) shared.push(`${email}: ${owners.get(email)} and ${person}`);
      else owners.set(email, person);
    }
    expect(shared.slice(0, 5)).toEqual([]);
  });
});
