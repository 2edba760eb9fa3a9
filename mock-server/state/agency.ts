import { ConsentChurn, type ConsentDecision } from '../../fixtures/people/consent-churn.js';
import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { DataSet } from '../../fixtures/data-set.js';
import { PERSONAL_DATA_FIELDS } from '../../fixtures/people/person-factory.js';
import type { FakerPools } from '../../fixtures/records/faker-pools.js';
import { hashInts, hashString } from '../../fixtures/random/keyed-stream.js';
import type { SimulatedClock } from '../behaviours/simulated-clock.js';
import { ConsentIndex } from '../consent/consent-index.js';
import { formatObjectId, parseObjectId, PERSON_PREFIX } from '../../fixtures/records/object-id.js';
import type { LiveState } from './live-state.js';
import type { OpenApiDocument } from '../contract/contract.js';
import { consentRatesOf, type MockOptions } from '../options/mock-options.js';
import { planForSchema, type PersonalDataPlan } from '../contract/personal-data-marks.js';
import { redact } from '../consent/redaction.js';

/** The redaction plan of each contact type's schema, read once from the contract. */
export type RedactionPlans = Readonly<Record<ContactTypeKey, PersonalDataPlan>>;

export function redactionPlans(document: OpenApiDocument): RedactionPlans {
  return Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => [type, planForSchema(document, CONTACT_TYPES[type].schemaName)]),
  ) as RedactionPlans;
}

/** What changes while the mock runs: the clock (for consent churn) and the store's view of overrides. */
export interface LiveConsent {
  readonly clock: SimulatedClock;
  readonly view: Pick<LiveState, 'hasConsentOverrides' | 'consentOverride' | 'consentOverridesOf' | 'version'>;
}

/** An omit-mode index, the day its churned consent is of, and the overrides it has taken in. */
interface CachedIndex {
  readonly day: number;
  readonly index: ConsentIndex;
  version: number;
  overrides: ReadonlyMap<number, boolean>;
}

/**
 * One agency (`shortName`): its data set, with each agency's seed derived from the global seed
 * and its name so that two agencies never show the same people, and its consent as of now.
 */
export class Agency {
  readonly data: DataSet;
  private readonly churn: ConsentChurn;
  private readonly consentIndexes = new Map<ContactTypeKey, CachedIndex>();
  /**
   * Per type, whether the contract marks every field of the person block personal: only then is
   * it safe to skip building that block for records redaction would strip (the marks still rule).
   */
  private readonly personFieldsAllMarked: Readonly<Record<ContactTypeKey, boolean>>;

  constructor(
    readonly shortName: string,
    options: MockOptions,
    pools: FakerPools,
    private readonly plans: RedactionPlans,
    private readonly live: LiveConsent,
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
    this.churn = new ConsentChurn(this.data.settings.seed, options.consentChurn, this.data.consent);
    this.personFieldsAllMarked = Object.fromEntries(
      CONTACT_TYPE_KEYS.map((type) => [type, PERSONAL_DATA_FIELDS.every((field) => plans[type].marked.has(field))]),
    ) as Record<ContactTypeKey, boolean>;
  }

  /** A person's consent now: an override if one is set, else the seeded consent on today's date. */
  readonly decide = (person: number): ConsentDecision => {
    // The store keys overrides by PersonID; most agencies have none, so most records skip the format.
    const view = this.live.view;
    const override = view.hasConsentOverrides(this.shortName)
      ? view.consentOverride(this.shortName, formatObjectId(PERSON_PREFIX, person))
      : undefined;
    if (override !== undefined) return { consented: override.consented, decidedOnDay: override.day };
    return this.churn.decide(person, this.live.clock.day());
  };

  private readonly calendarDay = (simulatedDay: number): number => this.live.clock.calendarDay(simulatedDay);

  /** A record as a reader sees it: whole if its person consented, redacted otherwise. */
  present(type: ContactTypeKey, index: number, authorised: boolean): Record<string, unknown> {
    const { record, consented } = this.data.contact(type, index, {
      withConsentDetails: authorised,
      decide: this.decide,
      dayOfDecision: this.calendarDay,
      skipPersonalDataWithoutConsent: this.personFieldsAllMarked[type],
    });
    return consented ? record : redact(record, this.plans[type]);
  }

  isConsented(type: ContactTypeKey, index: number): boolean {
    return this.decide(this.data.links.personOf(type, index)).consented;
  }

  /** What consent depends on right now; responses and indexes are keyed by it. */
  consentVersion(): string {
    return `${this.live.view.version}:${this.live.clock.day()}`;
  }

  /** This agency's overrides now, person -> consented. */
  private overrideSnapshot(): Map<number, boolean> {
    const people = new Map<number, boolean>();
    for (const [personId, { consented }] of this.live.view.consentOverridesOf(this.shortName)) {
      const decoded = parseObjectId(personId);
      if (decoded?.kind === 'person') people.set(decoded.index, consented);
    }
    return people;
  }

  /**
   * The omit-mode index of a type. A new simulated day rebuilds it (churn may move everyone); an
   * override only moves the counts of the changed person's records, so a change costs what it
   * changes (a rebuild took 1.5 s at ten million tenants).
   */
  consentIndex(type: ContactTypeKey): ConsentIndex {
    const day = this.live.clock.day();
    const version = this.live.view.version;
    const cached = this.consentIndexes.get(type);
    if (cached && cached.day === day) {
      if (cached.version !== version) this.takeInOverrides(type, cached, day);
      return cached.index;
    }
    const index = new ConsentIndex(this.data.count(type), (position) => this.isConsented(type, position));
    this.consentIndexes.set(type, { day, index, version, overrides: this.overrideSnapshot() });
    return index;
  }

  private takeInOverrides(type: ContactTypeKey, cached: CachedIndex, day: number): void {
    const now = this.overrideSnapshot();
    const consentOf = (people: ReadonlyMap<number, boolean>, person: number): boolean =>
      people.get(person) ?? this.churn.decide(person, day).consented;
    for (const person of new Set([...cached.overrides.keys(), ...now.keys()])) {
      if (cached.overrides.get(person) === now.get(person)) continue;
      const before = consentOf(cached.overrides, person);
      const after = consentOf(now, person);
      if (before === after) continue;
      for (const role of this.data.links.rolesOf(person)) {
        if (role.type === type) cached.index.adjust(role.index, after ? 1 : -1);
      }
    }
    cached.overrides = now;
    cached.version = this.live.view.version;
  }
}
