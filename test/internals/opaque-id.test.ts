import { describe, expect, it } from 'vitest';
import { KeyedRandom, hex8 } from '../../fixtures/random/keyed-stream.js';
import { MAX_OID_INDEX, OID_KINDS, OID_PATTERN, createOidCodec } from '../../fixtures/random/opaque-id.js';

const codec = createOidCodec(42);

// Pinned so a change to the codec (which would re-key every partner's stored IDs) is noticed.
const GOLDEN_SEED_42: Record<string, string[]> = {
  tenants: ['682b-ae20-bf84-f61a', 'b7d9-d875-458a-0ae8', 'f26c-ff4d-8743-788a'],
  landlords: ['f6a5-7e52-7867-7c86', '6e23-6f71-453b-73ab', '11ad-d580-74d3-c811'],
  lettingsApplicants: ['5bfd-93d4-85ac-5b36', 'e3a1-4fb1-e7b0-bd33', '88ca-13aa-8ffc-a75c'],
  salesApplicants: ['639a-f395-d35c-cde7', '8b91-d1c7-31d6-8bb2', '746b-514c-47fa-d2df'],
  vendors: ['7140-aa65-9027-4910', '12e9-05d8-96f6-b3f1', 'b95e-5b26-3ee4-246c'],
  branch: ['04db-92be-d226-39be', 'c106-6a15-13a1-74ff', '593b-b675-4924-2117'],
  person: ['7cf3-adcf-c7c4-9109', '9d61-d6e3-1362-4e1c', 'e1f8-0605-117a-1cba'],
  customField: ['0451-bbec-3f10-1c9f', 'f421-229a-e482-d5b2', 'b068-cd60-a22d-8471'],
};

function randomHexOid(random: KeyedRandom): string {
  const digits = hex8(random.next()) + hex8(random.next());
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`;
}

describe('createOidCodec', () => {
  it('round-trips every kind at the edges and across the index range', () => {
    const indexes = [0, 1, 2, 999, 1_000_000, 999_999_999, 1_000_000_000, MAX_OID_INDEX - 1, MAX_OID_INDEX];
    const random = new KeyedRandom(7, 1, 0);
    for (let i = 0; i < 2000; i++) indexes.push(random.int(MAX_OID_INDEX + 1));
    for (const kind of OID_KINDS) {
      for (const index of indexes) {
        const oid = codec.encode(kind, index);
        expect(oid).toMatch(OID_PATTERN);
        expect(codec.decode(oid)).toEqual({ kind, index });
      }
    }
  });

  it('is deterministic: seed 42 issues the pinned OIDs', () => {
    for (const kind of OID_KINDS) {
      expect([0, 1, 2].map((index) => codec.encode(kind, index))).toEqual(GOLDEN_SEED_42[kind]);
      expect([0, 1, 2].map((index) => createOidCodec(42).encode(kind, index))).toEqual(GOLDEN_SEED_42[kind]);
    }
  });

  it('never gives two objects the same OID, of the same type or of different types', () => {
    const seen = new Set<string>();
    const perKind = 25_000;
    for (const kind of OID_KINDS) {
      for (let index = 0; index < perKind; index++) seen.add(codec.encode(kind, index));
      seen.add(codec.encode(kind, MAX_OID_INDEX));
    }
    expect(seen.size).toBe(OID_KINDS.length * (perKind + 1));
  });

  it('gives different seeds different OIDs, and one seed does not accept another seed’s', () => {
    const other = createOidCodec(43);
    let same = 0;
    let accepted = 0;
    for (const kind of OID_KINDS) {
      for (let index = 0; index < 2500; index++) {
        const oid = other.encode(kind, index);
        if (oid === codec.encode(kind, index)) same += 1;
        if (codec.decode(oid) !== undefined) accepted += 1;
      }
    }
    expect(same).toBe(0);
    expect(accepted).toBe(0);
  });

  it('decodes random 16-hex strings to undefined', () => {
    const random = new KeyedRandom(99, 2, 0);
    let decoded = 0;
    for (let i = 0; i < 100_000; i++) if (codec.decode(randomHexOid(random)) !== undefined) decoded += 1;
    expect(decoded).toBe(0);
  });

  it('decodes an issued OID with one digit changed to undefined', () => {
    const random = new KeyedRandom(5, 3, 0);
    for (let i = 0; i < 5000; i++) {
      const oid = codec.encode(random.pick(OID_KINDS), random.int(1_000_000_000));
      const position = random.pick([0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18]);
      const digit = parseInt(oid[position] as string, 16);
      const changed = ((digit + 1 + random.int(15)) % 16).toString(16);
      expect(codec.decode(oid.slice(0, position) + changed + oid.slice(position + 1))).toBeUndefined();
    }
  });

  it('rejects upper case and malformed text', () => {
    const oid = codec.encode('tenants', 42);
    const malformed = [
      oid.toUpperCase(),
      oid.replace(/-/g, ''),
      oid.replace(/-/g, '_'),
      `${oid}0`,
      oid.slice(1),
      ` ${oid.slice(1)}`,
      `${oid.slice(0, 9)}:${oid.slice(10)}`,
      `${oid.slice(0, 4)}-${oid.slice(5, 9)}${oid.slice(10, 14)}--${oid.slice(15)}`,
      oid.replace(/[a-f0-9]$/, 'g'),
      '',
      'TEN-0000000042',
      '0004-f421-2742-3f00x',
    ];
    for (const text of malformed) expect(codec.decode(text), text).toBeUndefined();
    expect(codec.decode(undefined as unknown as string)).toBeUndefined();
    expect(codec.decode(oid)).toEqual({ kind: 'tenants', index: 42 });
  });

  it('refuses to encode an index or kind it cannot carry', () => {
    for (const index of [-1, MAX_OID_INDEX + 1, 1.5, Number.NaN]) {
      expect(() => codec.encode('tenants', index)).toThrow(RangeError);
    }
    expect(() => codec.encode('offices' as never, 0)).toThrow(/unknown OID kind/);
  });
});
