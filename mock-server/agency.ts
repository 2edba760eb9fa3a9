import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../fixtures/contact-types.js';
import { DataSet } from '../fixtures/data-set.js';
import type { FakerPools } from '../fixtures/faker-pools.js';
import { hashInts, hashString } from '../fixtures/hash.js';
import { ConsentIndex } from './consent-index.js';
import type { OpenApiDocument } from './contract.js';
import { consentRatesOf, type MockOptions } from './options.js';
import { planForSchema, type PersonalDataPlan } from './personal-data-marks.js';
import { redact } from './redaction.js';

/** The redaction plan of each contact type's schema, read once from the contract. */
export type RedactionPlans = Readonly<Record<ContactTypeKey, PersonalDataPlan>>;

export function redactionPlans(document: OpenApiDocument): RedactionPlans {
  return Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => [type, planForSchema(document, CONTACT_TYPES[type].schemaName)]),
  ) as RedactionPlans;
}

/**
 * One agency (`shortName`): its data set, with each agency's seed derived from the global seed
 * and its name so that two agencies never show the same people.
 */
export class Agency {
  readonly data: DataSet;
  private readonly consentIndexes = new Map<ContactTypeKey, ConsentIndex>();

  constructor(
    readonly shortName: string,
    options: MockOptions,
    pools: FakerPools,
    private readonly plans: RedactionPlans,
  ) {
    this.data = new DataSet(
      {
        seed: hashInts(options.seed, hashString(shortName)),
        counts: options.counts,
        branches: options.branches,
        consentRates: consentRatesOf(options),
        multiRoleShare: options.multiRoleShare,
      },
      pools,
    );
  }

  /** A record as a reader sees it: whole if its person consented, redacted otherwise. */
  present(type: ContactTypeKey, index: number, authorised: boolean): Record<string, unknown> {
    const { record, consented } = this.data.contact(type, index, authorised);
    return consented ? record : redact(record, this.plans[type]);
  }

  consentIndex(type: ContactTypeKey): ConsentIndex {
    let index = this.consentIndexes.get(type);
    if (!index) {
      index = new ConsentIndex(this.data.count(type), (position) => this.data.isConsented(type, position));
      this.consentIndexes.set(type, index);
    }
    return index;
  }
}
