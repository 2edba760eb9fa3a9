import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTACT_TYPE_KEYS, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { DataSet } from '../../fixtures/data-set.js';
import type { FakerPools } from '../../fixtures/records/faker-pools.js';
import { loadContract } from '../../mock-server/contract/contract.js';
import { recordLayouts } from '../../mock-server/contract/record-layout.js';
import { presentNulls } from '../../mock-server/consent/presentation.js';
import { jsonFragments, RecordJsonSink } from '../../mock-server/http/record-json-sink.js';
import { resolveOptions, type NullsMode } from '../../mock-server/options/mock-options.js';
import { withheldFields } from '../../mock-server/state/agency.js';
import { MockState } from '../../mock-server/state/mock-state.js';

const { document } = loadContract();
const layouts = recordLayouts(document);
const withheld = withheldFields(document);
const COUNTS = { tenants: 4000, landlords: 3000, lettingsApplicants: 2000, salesApplicants: 1500, vendors: 1000 };

describe('records written straight to JSON', () => {
  it('are JSON.stringify(presentNulls(record)) for any seed, type, index and reading', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom<NullsMode>('null', 'absent'),
        fc.constantFrom('local' as const, 'utc' as const),
        fc.constantFrom(0, 0.3, 1),
        // Nobody, everybody or some people consent, so records are withheld, shown, or both.
        fc.constantFrom(0, 1, 0.5),
        fc.boolean(),
        fc.nat(30),
        fc.array(fc.tuple(fc.constantFrom(...CONTACT_TYPE_KEYS), fc.nat(999)), { minLength: 1, maxLength: 30 }),
        (seed, nulls, dates, unlistedEnums, consentRate, authorised, churnDays, picks) => {
          const options = resolveOptions({
            seed,
            nulls,
            dates,
            unlistedEnums,
            consentRate,
            counts: COUNTS,
            quiet: true,
            // Churned consent dates the ETag and ConsentDetails from a decision day.
            consentChurn: churnDays > 0 ? 0.05 : 0,
            clockFrozen: true,
          });
          const state = new MockState(options, document, () => {});
          state.clock.advance(churnDays * 86_400_000);
          const agency = state.agencies.get('demo')!;
          // One writer a type for the whole run, as a page reuses one for all its records.
          const writers = new Map(CONTACT_TYPE_KEYS.map((type) => [type, agency.jsonWriter(type, authorised)]));
          for (const [type, pick] of picks) {
            const index = pick % COUNTS[type];
            const text = agency.presentJson(type, index, authorised);
            expect(text).toBe(JSON.stringify(agency.present(type, index, authorised)));
            // A page's writer (the consent's day read once) writes the same text.
            expect(writers.get(type)!(index)).toBe(text);
            // After another record in a list, it starts with the comma.
            expect(writers.get(type)!(index, true)).toBe(`,${text}`);
            // A page counts bytes by length when the data set's text is all ASCII.
            expect(agency.jsonByteLength(text)).toBe(Buffer.byteLength(text));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('escape faker names that need it (quotes, backslashes, controls, non-ASCII) as JSON.stringify does', () => {
    const odd = ['O"Brien', 'Back\\slash', 'Tab\there', 'Zoë', 'Line\u2028Sep', 'Ünal', 'Emoji 🏠', 'Lone \ud800'];
    const pools: FakerPools = {
      femaleForenames: odd,
      maleForenames: odd,
      surnames: odd,
      streets: odd.map((name) => `${name} Road`),
      companies: odd.map((name) => `${name} & Sons`),
    };
    const data = new DataSet(
      { seed: 5, counts: COUNTS, branches: 3, consentRates: rates(1), multiRoleShare: 0.1, unlistedEnumShare: 0.5 },
      pools,
    );
    // Not ASCII, so pages count these records' bytes the long way.
    expect(data.asciiRecords).toBe(false);
    for (const nulls of ['null', 'absent'] as const) {
      for (const type of CONTACT_TYPE_KEYS) {
        const fragments = jsonFragments(layouts[type], nulls);
        for (let index = 0; index < 200; index++) {
          const sink = new RecordJsonSink(fragments);
          const options = { withConsentDetails: index % 2 === 0, withheld: withheld[type] };
          const expected = JSON.stringify(presentNulls(data.contact(type, index, options).record, nulls));
          expect(data.writeContact(type, index, options, sink).record).toBe(expected);
        }
      }
    }
  });

  it('start-up refuses a contract whose property order the data set does not write', () => {
    const copy = structuredClone(document) as typeof document;
    const tenant = copy.components.schemas.Tenant as { allOf: { properties?: Record<string, unknown> }[] };
    const own = tenant.allOf.find((branch) => branch.properties)!;
    own.properties = Object.fromEntries(Object.entries(own.properties!).reverse());
    expect(() => recordLayouts(copy)).toThrow(/Tenant has the properties .* but the data set writes/);
  });
});

function rates(rate: number): Record<ContactTypeKey, number> {
  return Object.fromEntries(CONTACT_TYPE_KEYS.map((type) => [type, rate])) as Record<ContactTypeKey, number>;
}
