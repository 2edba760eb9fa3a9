import type { CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';
import type { RateDecision } from '../behaviours/rate-limiter.js';
import type { SimulatedClock } from '../behaviours/simulated-clock.js';
import type { JournalEntry, JournalFilter, KeyView } from './request-journal.js';
import type { LiveState } from './live-state.js';

/**
 * Every way shared state changes. Handlers describe a change; only the store applies it, and
 * only once it is saved, so a failed write never changes what is served.
 */
export type StateChange =
  | {
      readonly kind: 'custom-field-value';
      readonly agency: string;
      readonly objectId: string;
      readonly fieldId: string;
      readonly value: CustomFieldScalar;
    }
  /** `day`: the simulated day the override was set on (it dates ConsentDetails and the ETag). */
  | {
      readonly kind: 'consent-set';
      readonly agency: string;
      readonly personId: string;
      readonly consented: boolean;
      readonly day: number;
    }
  | { readonly kind: 'consent-cleared'; readonly agency: string; readonly personId: string }
  | { readonly kind: 'clock-advanced'; readonly milliseconds: number }
  | { readonly kind: 'journal-cleared' }
  | { readonly kind: 'reset' };

/** One request as the recorder hands it over: the key in full (the store masks or hashes it). */
export type JournalRecord = Omit<JournalEntry, 'key'>;

/** Whether the store can serve requests now, and which store that is (never with a password). */
export interface Readiness {
  readonly ready: boolean;
  readonly store: string;
  readonly detail?: string;
}

/**
 * Where the mock's changing state lives: custom field values, consent overrides (with their day),
 * rate-limit windows and blocks, the simulated clock and the journal. Reads are synchronous, from
 * `live` and `clock`; a store shared by replicas refreshes them in `admit` and `refresh`.
 *
 * Methods answer synchronously when they can (the memory store always does), and with a promise
 * when they must wait for a shared store, so the in-memory hot path never waits on a promise.
 */
export interface StateStore {
  /** `memory`, `memory (state file PATH)` or the Redis URL without its password. */
  readonly description: string;
  readonly live: LiveState;
  readonly clock: SimulatedClock;
  /** Connects (a shared store); an unreachable store is reported, and the mock starts unready. */
  open(): Promise<void>;
  /**
   * The rate-limit decision for `key` (undefined: no limit configured, only the refresh), brought
   * up to date with what other replicas changed: one round trip on a shared store.
   */
  admit(key: string | undefined): RateDecision | undefined | Promise<RateDecision | undefined>;
  /** Brings `live` and `clock` up to date (control requests read them). */
  refresh(): void | Promise<void>;
  /** Saves the changes, then applies them; throws a 503 ProblemError (nothing changed) when saving fails. */
  commit(changes: readonly StateChange[]): void | Promise<void>;
  /** Keeps a request in the journal; never throws (a lost entry is logged, not answered). */
  record(entry: JournalRecord, key: string | undefined): void;
  /** Matching entries; `view` says how keys are shown (see KeyView: a tag unless the caller holds the admin token). */
  journal(filter: JournalFilter, view?: KeyView): JournalEntry[] | Promise<JournalEntry[]>;
  readiness(): Promise<Readiness>;
  /** Called with what another replica reset, so this one drops what it derived from the old state. */
  onReset(listener: () => void): void;
  close(): Promise<void>;
}

/** Says a store failure in one line, in every log mode (the caller passes a logger or stderr). */
export type StoreWarn = (message: string, details?: Record<string, unknown>) => void;
