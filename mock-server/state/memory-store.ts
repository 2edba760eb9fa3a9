import { RateLimiter, type RateDecision } from '../behaviours/rate-limiter.js';
import { SimulatedClock, type Elapsed } from '../behaviours/simulated-clock.js';
import type { MockOptions } from '../options/mock-options.js';
import { ProblemError } from '../pipeline/problems.js';
import { LiveState, type StateSnapshot } from './live-state.js';
import { RequestJournal, type JournalEntry, type JournalFilter, type KeyView } from './request-journal.js';
import { StateFile, StateFileError } from './state-file.js';
import type { JournalRecord, Readiness, StateChange, StateStore, StoreWarn } from './state-store.js';

/** Checks a loaded snapshot against the data set (agencies, field types); the first problem, if any. */
export type SnapshotCheck = (snapshot: StateSnapshot) => string | undefined;

/**
 * The default store: everything in this process, with custom field values and consent overrides
 * also in `--state-file` when one is given. Every method answers synchronously.
 */
export class MemoryStore implements StateStore {
  readonly live = new LiveState();
  readonly clock: SimulatedClock;
  readonly description: string;
  private readonly limiter: RateLimiter | undefined;
  private readonly requests: RequestJournal;
  private readonly file: StateFile | undefined;
  private readonly resetListeners: (() => void)[] = [];

  constructor(
    options: MockOptions,
    private readonly warn: StoreWarn,
    elapsed?: Elapsed,
  ) {
    this.clock = new SimulatedClock({ start: options.clock, frozen: options.clockFrozen }, elapsed);
    this.requests = new RequestJournal(options.journalSize, options.journalMb * 1024 * 1024);
    this.limiter = options.rateLimit
      ? new RateLimiter({
          ...options.rateLimit,
          blockAfter: options.blockAfter,
          blockForMs: options.blockForMs,
          sendRetryAfter: options.retryAfter === 'send',
        })
      : undefined;
    this.file = options.stateFile === undefined ? undefined : new StateFile(options.stateFile);
    this.description = this.file ? `memory (state file ${this.file.path})` : 'memory';
  }

  /** Loads the state file (a corrupt or ill-typed one stops start-up) and proves it can be written. */
  restore(check: SnapshotCheck): void {
    const file = this.file;
    if (!file) return;
    const saved = file.load();
    const snapshot: StateSnapshot = {
      customFieldValues: saved.customFieldValues,
      consentOverrides: saved.consentOverrides.map((entry) => ({ ...entry, day: entry.day ?? 0 })),
    };
    const problem = check(snapshot);
    if (problem) {
      throw new StateFileError(
        file.path,
        `state file ${file.path} ${problem}; fix or remove it — the mock will not replace it`,
      );
    }
    try {
      // Written back at once: a read-only mount or a full disk stops start-up here, not at the first POST.
      file.save({ version: 1, ...snapshot });
    } catch (error) {
      throw new StateFileError(file.path, `state file ${file.path} cannot be written (${reasonOf(error)})`);
    }
    this.live.replace(snapshot, 0);
  }

  admit(key: string | undefined): RateDecision | undefined {
    return key === undefined || !this.limiter ? undefined : this.limiter.take(key, this.clock.now());
  }

  /** Frees every key's window and block (check-client probes list totals between grades). */
  clearRateLimits(): void {
    this.limiter?.reset();
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  refresh(): void {}

  commit(changes: readonly StateChange[]): void {
    if (this.file && LiveState.changesData(changes)) {
      // Saved first, as the state after the change: if the disk refuses it, nothing is applied.
      const next = new LiveState();
      next.replace(this.live.snapshot(), 0);
      next.apply(changes);
      try {
        this.file.save({ version: 1, ...next.snapshot() });
      } catch (error) {
        const reason = reasonOf(error);
        this.warn('state file write failed; the change was not applied', { stateFile: this.file.path, reason });
        throw new ProblemError(
          'service-unavailable',
          `The change was not saved: the state file ${this.file.path} could not be written (${reason}); nothing changed.`,
        );
      }
    }
    this.live.apply(changes);
    // The journal is not something responses depend on; everything else may be.
    if (changes.some((change) => change.kind !== 'journal-cleared')) this.live.version++;
    for (const change of changes) {
      if (change.kind === 'clock-advanced') this.clock.advance(change.milliseconds);
      if (change.kind === 'journal-cleared') this.requests.clear();
      if (change.kind === 'reset') {
        this.requests.clear();
        this.limiter?.reset();
        this.clock.reset();
        for (const listener of this.resetListeners) listener();
      }
    }
  }

  record(entry: JournalRecord, key: string | undefined): void {
    this.requests.record(entry, key);
  }

  journal(filter: JournalFilter, view: KeyView = 'tag'): JournalEntry[] {
    return this.requests.list(filter, view);
  }

  /** Entries the journal holds now (for tests of its bound). */
  get journalSize(): number {
    return this.requests.size;
  }

  readiness(): Promise<Readiness> {
    return Promise.resolve({ ready: true, store: this.description });
  }

  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function reasonOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? String(message).replace(/\s+/g, ' ').slice(0, 160);
}
