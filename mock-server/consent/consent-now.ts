import { ConsentChurn, type ConsentDecision } from '../../fixtures/people/consent-churn.js';
import type { ContactTypeKey } from '../../fixtures/contact-types.js';
import type { DataSet } from '../../fixtures/data-set.js';
import type { SimulatedClock } from '../behaviours/simulated-clock.js';
import { ConsentIndex } from './consent-index.js';
import type { ConsentOverrides } from './consent-overrides.js';

/** What changes while the mock runs: the clock (for consent churn) and consent overrides. */
export interface LiveConsent {
  readonly clock: SimulatedClock;
  readonly overrides: ConsentOverrides;
}

/**
 * One agency's consent as of now: an override set through the control API beats the seeded
 * consent and its daily churn, on every role of the person. Also keeps the `--withheld omit`
 * index, rebuilt (lazily) when consent has changed since it was built.
 */
export class ConsentNow {
  private readonly churn: ConsentChurn;
  private readonly indexes = new Map<ContactTypeKey, { version: string; index: ConsentIndex }>();

  constructor(
    private readonly shortName: string,
    private readonly data: DataSet,
    churnRate: number,
    private readonly live: LiveConsent,
  ) {
    this.churn = new ConsentChurn(data.settings.seed, churnRate, data.consent);
  }

  /** A person's consent now: an override if one is set, else the seeded consent on today's date. */
  readonly decide = (person: number): ConsentDecision => {
    const override = this.live.overrides.get(this.shortName, person);
    if (override !== undefined) return { consented: override.consented, decidedOnDay: override.day };
    return this.churn.decide(person, this.live.clock.day());
  };

  readonly calendarDay = (simulatedDay: number): number => this.live.clock.calendarDay(simulatedDay);

  isConsented(type: ContactTypeKey, index: number): boolean {
    return this.decide(this.data.links.personOf(type, index)).consented;
  }

  /** What consent depends on right now; responses and indexes are keyed by it. */
  version(): string {
    return `${this.live.overrides.version}:${this.live.clock.day()}`;
  }

  index(type: ContactTypeKey): ConsentIndex {
    const version = this.version();
    const cached = this.indexes.get(type);
    if (cached && cached.version === version) return cached.index;
    const index = new ConsentIndex(this.data.count(type), (position) => this.isConsented(type, position));
    this.indexes.set(type, { version, index });
    return index;
  }
}
