import { ConsentChurn, type ConsentDecision } from '../../fixtures/people/consent-churn.js';
import type { ContactTypeKey } from '../../fixtures/contact-types.js';
import type { DataSet } from '../../fixtures/data-set.js';
import type { SimulatedClock } from '../behaviours/simulated-clock.js';
import type { LiveState } from '../state/live-state.js';
import { ConsentIndex } from './consent-index.js';

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
 * One agency's consent as of now: an override set through the control API beats the seeded
 * consent and its daily churn, on every role of the person. Also keeps the `--withheld omit`
 * index: a new simulated day rebuilds it (churn may move everyone), an override moves only the
 * counts of the changed person's records (a rebuild took 1.5 s at ten million tenants).
 */
export class ConsentNow {
  private readonly churn: ConsentChurn;
  private readonly indexes = new Map<ContactTypeKey, CachedIndex>();

  constructor(
    private readonly shortName: string,
    private readonly data: DataSet,
    churnRate: number,
    private readonly live: LiveConsent,
  ) {
    this.churn = new ConsentChurn(data.settings.seed, churnRate, data.consent);
  }

  /** A person's consent now: an override if one is set, else the seeded consent on today's date. */
  readonly decide = (person: number): ConsentDecision =>
    this.decideOn(person, this.live.clock.day(), this.live.view.hasConsentOverrides(this.shortName));

  /**
   * `decide` for records read at one instant (a page): the clock and the override count are read
   * once, not for every record (reading the clock was a twentieth of a record's generation).
   */
  decideNow(): (person: number) => ConsentDecision {
    const day = this.live.clock.day();
    const overrides = this.live.view.hasConsentOverrides(this.shortName);
    return (person) => this.decideOn(person, day, overrides);
  }

  private decideOn(person: number, day: number, overrides: boolean): ConsentDecision {
    // The store keys overrides by PersonID; most agencies have none, so most records skip the encode.
    const override = overrides
      ? this.live.view.consentOverride(this.shortName, this.data.oid('person', person))
      : undefined;
    if (override !== undefined) return { consented: override.consented, decidedOnDay: override.day };
    return this.churn.decide(person, day);
  }

  readonly calendarDay = (simulatedDay: number): number => this.live.clock.calendarDay(simulatedDay);

  isConsented(type: ContactTypeKey, index: number): boolean {
    return this.decide(this.data.links.personOf(type, index)).consented;
  }

  /** What consent depends on right now; responses and indexes are keyed by it. */
  version(): string {
    return `${this.live.view.version}:${this.live.clock.day()}`;
  }

  index(type: ContactTypeKey): ConsentIndex {
    const day = this.live.clock.day();
    const version = this.live.view.version;
    const cached = this.indexes.get(type);
    if (cached && cached.day === day) {
      if (cached.version !== version) this.takeInOverrides(type, cached, day);
      return cached.index;
    }
    const index = new ConsentIndex(this.data.count(type), (position) => this.isConsented(type, position));
    this.indexes.set(type, { day, index, version, overrides: this.overrideSnapshot() });
    return index;
  }

  /** This agency's overrides now, person -> consented. */
  private overrideSnapshot(): Map<number, boolean> {
    const people = new Map<number, boolean>();
    for (const [personId, { consented }] of this.live.view.consentOverridesOf(this.shortName)) {
      const decoded = this.data.resolve(personId);
      if (decoded?.kind === 'person') people.set(decoded.index, consented);
    }
    return people;
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
