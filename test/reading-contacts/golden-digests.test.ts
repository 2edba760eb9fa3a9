import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTACT_TYPE_KEYS, CONTACT_TYPES } from '../../fixtures/contact-types.js';
import { loadContract } from '../../mock-server/contract/contract.js';
import { getContact } from '../../mock-server/operations/get-contact.js';
import { listContacts } from '../../mock-server/operations/list-contacts.js';
import { serializeBody } from '../../mock-server/http/serialize-body.js';
import { resolveOptions, type MockOptionsInput } from '../../mock-server/options/mock-options.js';
import { MockState } from '../../mock-server/state/mock-state.js';

// Digests of the bodies of every reading that shapes a record, taken from the code before records
// were written straight to JSON: the bytes must not move. GOLDEN_WRITE=1 rewrites the file, for a
// deliberate change that the commit then names.
const FILE = new URL('./golden/record-digests.json', import.meta.url);
const COUNTS = { tenants: 900, landlords: 700, lettingsApplicants: 600, salesApplicants: 500, vendors: 400 };
const { document } = loadContract();

interface Reading {
  readonly name: string;
  readonly input: MockOptionsInput;
  /** Simulated days to advance, so churned consent carries a decision day (ETag and ConsentDetails). */
  readonly days?: number;
}

const READINGS: readonly Reading[] = [
  { name: 'defaults', input: {} },
  { name: 'nulls absent', input: { nulls: 'absent' } },
  { name: 'dates utc', input: { dates: 'utc' } },
  { name: 'unlisted enums', input: { unlistedEnums: 0.4 } },
  { name: 'withheld omit', input: { withheld: 'omit', nulls: 'absent' } },
  { name: 'all at once', input: { nulls: 'absent', dates: 'utc', unlistedEnums: 1, seed: 77, consentRate: 0.3 } },
  { name: 'churn', input: { consentChurn: 0.05, clockFrozen: true, seed: 4_000_000_001 }, days: 40 },
];

function digestsOf(reading: Reading): Record<string, string> {
  const options = resolveOptions({ ...reading.input, counts: COUNTS, quiet: true });
  const state = new MockState(options, document, () => {});
  if (reading.days) state.clock.advance(reading.days * 86_400_000);
  const agency = state.agencies.get('demo')!;
  const digests: Record<string, string> = {};
  for (const type of CONTACT_TYPE_KEYS) {
    for (const authorisedIntegrator of [false, true]) {
      const context = {
        query: {},
        body: undefined,
        agency,
        authorisedIntegrator,
        options,
        customFields: state.store.live,
      };
      const hash = createHash('sha256');
      const page = listContacts(type)({ ...context, params: { offset: '0', count: '1000' } });
      hash.update(serializeBody(page.body));
      // Single records through their own route, a spread of them.
      for (let index = 0; index < COUNTS[type]; index += 37) {
        const params = { [CONTACT_TYPES[type].idParameter]: agency.data.oid(type, index) };
        hash.update(serializeBody(getContact(type)({ ...context, params }).body));
      }
      digests[`${type}${authorisedIntegrator ? ' authorised' : ''}`] = hash.digest('hex');
    }
  }
  return digests;
}

describe('record bytes under every reading', () => {
  const actual = Object.fromEntries(READINGS.map((reading) => [reading.name, digestsOf(reading)]));
  if (process.env.GOLDEN_WRITE === '1') writeFileSync(FILE, `${JSON.stringify(actual, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Record<string, string>>;

  it.each(READINGS.map((reading) => reading.name))('%s: list pages and single records are the stored bytes', (name) => {
    expect(actual[name]).toEqual(expected[name]);
  });
});
