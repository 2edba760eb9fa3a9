import { buildFakerPools } from '../../fixtures/records/faker-pools.js';
import { Agency, withheldFields } from './agency.js';
import { FaultPlan } from '../behaviours/faults.js';
import type { SimulatedClock, Elapsed } from '../behaviours/simulated-clock.js';
import type { OpenApiDocument } from '../contract/contract.js';
import { recordLayouts } from '../contract/record-layout.js';
import { customFieldObject, customFieldOf } from '../operations/custom-field-object.js';
import { customFieldValueProblem } from '../operations/custom-field-value-check.js';
import type { MockOptions } from '../options/mock-options.js';
import type { StateSnapshot } from './live-state.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import { ResponseCache } from './response-cache.js';
import type { StateStore, StoreWarn } from './state-store.js';
import { defaultStorePrefix, describeStore } from './store-settings.js';

/**
 * Everything the mock holds while it runs. What replicas share lives in `store`, and changes only
 * through `store.commit`; what each process derives (the response cache, the fault stream) is
 * dropped whenever the store is reset, here or on another replica.
 */
export class MockState {
  readonly store: StateStore;
  readonly cache: ResponseCache;
  readonly faults: FaultPlan;
  readonly agencies: ReadonlyMap<string, Agency>;

  constructor(
    readonly options: MockOptions,
    document: OpenApiDocument,
    warn: StoreWarn,
    elapsed?: Elapsed,
  ) {
    this.cache = new ResponseCache(options.responseCacheMb * 1024 * 1024);
    this.faults = new FaultPlan(options.seed, options.latency, options.errorRate);
    const memory = options.store === 'memory' ? new MemoryStore(options, warn, elapsed) : undefined;
    this.store =
      memory ??
      new RedisStore(
        options.store,
        options.storePrefix ?? defaultStorePrefix(options),
        describeStore(options.store),
        options,
        warn,
      );
    const pools = buildFakerPools(options.seed);
    const withheld = withheldFields(document);
    const layouts = recordLayouts(document);
    const live = { clock: this.store.clock, view: this.store.live };
    this.agencies = new Map(
      options.shortNames.map((name) => [name, new Agency(name, options, pools, withheld, layouts, live)]),
    );
    memory?.restore((snapshot) => this.snapshotProblem(snapshot));
    this.store.onReset(() => {
      this.cache.invalidate();
      this.faults.reset();
    });
  }

  get clock(): SimulatedClock {
    return this.store.clock;
  }

  /** Back to the state of a fresh start on every replica: values, overrides, journal, limits, faults and clock. */
  reset(): void | Promise<void> {
    return this.store.commit([{ kind: 'reset' }]);
  }

  /** The first saved value that this data set could not have accepted, checked as a POST would be. */
  private snapshotProblem(snapshot: StateSnapshot): string | undefined {
    for (const [index, { agency: shortName, objectId, fieldId, value }] of snapshot.customFieldValues.entries()) {
      const agency = this.agencies.get(shortName);
      const where = `customFieldValues[${index}]`;
      if (!agency) return `has ${where} for agency "${shortName}", which this mock does not serve`;
      let problem: string | undefined;
      try {
        problem = customFieldValueProblem(
          customFieldOf(agency, customFieldObject(agency, objectId), objectId, fieldId),
          value,
        );
      } catch (error) {
        problem = (error as Error).message;
      }
      if (problem) return `has ${where} that does not fit: ${problem}`;
    }
    for (const [index, { agency }] of snapshot.consentOverrides.entries()) {
      if (!this.agencies.has(agency)) {
        return `has consentOverrides[${index}] for agency "${agency}", which this mock does not serve`;
      }
    }
    return undefined;
  }
}
