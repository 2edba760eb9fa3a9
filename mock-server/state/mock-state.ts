import { buildFakerPools } from '../../fixtures/records/faker-pools.js';
import { Agency, withheldFields } from './agency.js';
import { FaultPlan } from '../behaviours/faults.js';
import { RateLimiter } from '../behaviours/rate-limiter.js';
import { RequestJournal } from './request-journal.js';
import { SimulatedClock, type Elapsed } from '../behaviours/simulated-clock.js';
import { ConsentOverrides } from '../consent/consent-overrides.js';
import type { OpenApiDocument } from '../contract/contract.js';
import { InMemoryCustomFieldStore } from './custom-field-store.js';
import type { MockOptions } from '../options/mock-options.js';
import { ResponseCache } from './response-cache.js';
import { StateFile } from './state-file.js';

/**
 * Everything the mock holds while it runs, in one place, so `reset()` and the durable state
 * file cannot miss a piece.
 */
export class MockState {
  readonly clock: SimulatedClock;
  readonly overrides = new ConsentOverrides();
  readonly customFields = new InMemoryCustomFieldStore();
  readonly cache: ResponseCache;
  readonly journal: RequestJournal;
  readonly limiter: RateLimiter | undefined;
  readonly faults: FaultPlan;
  readonly agencies: ReadonlyMap<string, Agency>;
  private readonly stateFile: StateFile | undefined;

  constructor(
    readonly options: MockOptions,
    document: OpenApiDocument,
    elapsed?: Elapsed,
  ) {
    this.clock = new SimulatedClock({ start: options.clock, frozen: options.clockFrozen }, elapsed);
    this.cache = new ResponseCache(options.responseCacheMb * 1024 * 1024);
    this.journal = new RequestJournal(options.journalSize);
    this.limiter = options.rateLimit
      ? new RateLimiter({
          ...options.rateLimit,
          blockAfter: options.blockAfter,
          blockForMs: options.blockForMs,
          sendRetryAfter: options.retryAfter === 'send',
        })
      : undefined;
    this.faults = new FaultPlan(options.seed, options.latency, options.errorRate);
    const pools = buildFakerPools(options.seed);
    const withheld = withheldFields(document);
    const live = { clock: this.clock, overrides: this.overrides };
    this.agencies = new Map(options.shortNames.map((name) => [name, new Agency(name, options, pools, withheld, live)]));
    this.stateFile = options.stateFile === undefined ? undefined : new StateFile(options.stateFile);
    this.restore();
  }

  /** Loads the durable state file, if any; a corrupt one throws (start-up stops). */
  private restore(): void {
    if (!this.stateFile) return;
    const saved = this.stateFile.load();
    for (const { agency, objectId, fieldId, value } of saved.customFieldValues) {
      this.customFields.set(agency, objectId, fieldId, value);
    }
    for (const { agency, personId, consented, day } of saved.consentOverrides) {
      const decoded = this.agencies.get(agency)?.data.resolve(personId);
      if (decoded?.kind === 'person') this.overrides.set(agency, decoded.index, consented, day ?? 0);
    }
  }

  /** Writes custom field values and consent overrides to the state file before a change is acknowledged. */
  persist(): void {
    this.stateFile?.save({
      version: 1,
      customFieldValues: this.customFields.entries(),
      // The day dates the consent (ConsentDetails.DateGiven, the ETag): without it a restart
      // would re-date every override to day 0 and a syncing client would see a change.
      consentOverrides: this.overrides.entries().map(({ agency, person, consented, day }) => ({
        agency,
        personId: this.agencies.get(agency)?.data.oid('person', person) ?? String(person),
        consented,
        day,
      })),
    });
  }

  /** Back to the state of a fresh start: values, overrides, journal, limits, faults and clock. */
  reset(): void {
    this.customFields.clear();
    this.overrides.clear();
    this.cache.invalidate();
    this.journal.clear();
    this.limiter?.reset();
    this.faults.reset();
    this.clock.reset();
    this.persist();
  }
}
