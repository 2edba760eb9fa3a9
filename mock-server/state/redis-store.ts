import type { Redis, RedisOptions } from 'ioredis';
import type { RateDecision } from '../behaviours/rate-limiter.js';
import { SimulatedClock } from '../behaviours/simulated-clock.js';
import type { MockOptions } from '../options/mock-options.js';
import { ProblemError } from '../pipeline/problems.js';
import { consentField, LiveState, splitField, valueField, type StateSnapshot } from './live-state.js';
import { encodeEntry, filterEntries, keyHash } from './redis-journal.js';
import { ADMIT_SCRIPT, COMMIT_SCRIPT } from './redis-scripts.js';
import type { JournalEntry, JournalFilter, KeyView } from './request-journal.js';
import type { JournalRecord, Readiness, StateChange, StateStore, StoreWarn } from './state-store.js';

type ClockReply = [start: string, since: string, advanced: string, version: string, resets: string, wall: string];
type AdmitReply = [outcome: number, retry: string, ...ClockReply];

interface ScriptedRedis extends Redis {
  mockAdmit(state: string, ...args: (string | number)[]): Promise<AdmitReply>;
  mockCommit(state: string, values: string, consent: string, journal: string, ...args: string[]): Promise<ClockReply>;
}

/** Fail at once while disconnected: a 503 now beats a request queued for who knows how long. */
const CONNECTION: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2000,
  commandTimeout: 2000,
  enableAutoPipelining: true,
  retryStrategy: (times: number) => Math.min(times * 200, 2000),
};

const OUTCOMES = ['allowed', 'limited', 'blocked'] as const;
/** A reload that keeps finding a newer version gives up after this many tries (writes are racing). */
const MAX_RELOADS = 3;
const KEY_HASH_CACHE = 1024;

/**
 * State shared by replicas through Redis. Each request costs one script call (the rate-limit
 * decision, the clock and the state version together); values and overrides are mirrored in
 * `live` and reloaded only when the version moved, so reads stay synchronous.
 */
export class RedisStore implements StateStore {
  readonly live = new LiveState();
  readonly clock: SimulatedClock;
  /** Connected in `open()` (which the mock awaits before serving): ioredis loads only for a Redis store. */
  private redis!: ScriptedRedis;
  private readonly keys: { state: string; values: string; consent: string; journal: string };
  private readonly startArgs: [string, string];
  private readonly resetListeners: (() => void)[] = [];
  private readonly keyHashes = new Map<string, string>();
  private resets: string | undefined;
  private reloading: Promise<void> | undefined;
  private down = false;
  /** Why the last connection attempt failed (ECONNREFUSED, ENOTFOUND, ...), for messages. */
  private lastReason = 'not connected yet';

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    readonly description: string,
    private readonly options: MockOptions,
    private readonly warn: StoreWarn,
  ) {
    // A wall clock: the running time is measured from a Redis timestamp every replica shares.
    this.clock = new SimulatedClock({ start: options.clock, frozen: options.clockFrozen }, () => Date.now());
    this.live.version = -1; // nothing loaded yet: the first request loads
    this.keys = {
      state: `${prefix}:state`,
      values: `${prefix}:values`,
      consent: `${prefix}:consent`,
      journal: `${prefix}:journal`,
    };
    const real = options.clock === 'real';
    this.startArgs = [String(real ? Date.now() : Date.parse(options.clock)), real ? '1' : '0'];
  }

  /**
   * Waits (briefly) for the first connection; an unreachable Redis is reported, not fatal.
   * ioredis is imported here, not at the top: a mock with the memory store never loads it (about
   * 5% of start-up, where the first answer must come within a second).
   */
  async open(): Promise<void> {
    const { Redis: RedisClient } = await import('ioredis');
    this.redis = new RedisClient(this.url, CONNECTION) as ScriptedRedis;
    this.redis.defineCommand('mockAdmit', { numberOfKeys: 1, lua: ADMIT_SCRIPT });
    this.redis.defineCommand('mockCommit', { numberOfKeys: 4, lua: COMMIT_SCRIPT });
    this.redis.on('error', (error: Error) => {
      this.lastReason = reasonOf(error);
      this.noteDown(error);
    });
    this.redis.on('ready', () => {
      if (this.down) this.warn('state store reachable again', { store: this.description });
      this.down = false;
    });
    const ready = await new Promise<boolean>((resolve) => {
      if (this.redis.status === 'ready') resolve(true);
      const timer = setTimeout(() => resolve(false), 3000);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (ready) await this.refresh().catch(() => undefined);
    else
      this.warn('state store unreachable at start-up; /readyz answers 503 until it is reachable', {
        store: this.description,
      });
  }

  admit(key: string | undefined): Promise<RateDecision | undefined> {
    const limit = this.options.rateLimit;
    const limited = key !== undefined && limit !== undefined;
    const args = [
      ...this.startArgs,
      this.prefix,
      limited ? this.hashOf(key) : '',
      limit?.requests ?? 0,
      limit?.windowMs ?? 0,
      this.options.blockAfter,
      this.options.blockForMs,
      this.options.clockFrozen ? '1' : '0',
    ];
    return this.redis.mockAdmit(this.keys.state, ...args).then(
      async (reply) => {
        const [outcome, retry, ...clock] = reply;
        await this.sync(clock);
        if (outcome < 0) return undefined;
        const decided = OUTCOMES[outcome] ?? 'allowed';
        return decided === 'allowed' ? { outcome: decided } : { outcome: decided, retryAfterMs: Number(retry) };
      },
      (error: unknown) => this.unavailable(error),
    );
  }

  async refresh(): Promise<void> {
    await this.admit(undefined);
  }

  async commit(changes: readonly StateChange[]): Promise<void> {
    const args: string[] = [...this.startArgs];
    for (const change of changes) args.push(...operation(change));
    let reply: ClockReply;
    try {
      reply = await this.redis.mockCommit(
        this.keys.state,
        this.keys.values,
        this.keys.consent,
        this.keys.journal,
        ...args,
      );
    } catch (error) {
      return this.unavailable(error);
    }
    // Applied here only when no other replica wrote in between; otherwise reloaded whole.
    const expected = this.live.version + (changes.length > 0 ? 1 : 0);
    if (Number(reply[3]) === expected && changes.every((change) => change.kind !== 'reset')) {
      this.live.apply(changes);
      this.live.version = expected;
    }
    await this.sync(reply);
  }

  record(entry: JournalRecord, key: string | undefined): void {
    const capacity = this.options.journalSize;
    if (capacity === 0) return;
    this.redis
      .multi()
      .rpush(this.keys.journal, encodeEntry(entry, key))
      .ltrim(this.keys.journal, -capacity, -1)
      .exec()
      .catch((error: unknown) => this.noteDown(error as Error));
  }

  async journal(filter: JournalFilter, view: KeyView = 'tag'): Promise<JournalEntry[]> {
    try {
      return filterEntries(await this.redis.lrange(this.keys.journal, 0, -1), filter, view);
    } catch (error) {
      return this.unavailable(error);
    }
  }

  async readiness(): Promise<Readiness> {
    if (this.redis.status !== 'ready') {
      return { ready: false, store: this.description, detail: `not connected (${this.lastReason})` };
    }
    try {
      await this.redis.ping();
      return { ready: true, store: this.description };
    } catch (error) {
      return { ready: false, store: this.description, detail: reasonOf(error) };
    }
  }

  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.redis === undefined) return; // never opened
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Takes the shared clock and, when the version moved, the values and overrides. */
  private async sync([start, since, advanced, version, resets, wall]: ClockReply): Promise<void> {
    // `since` is on Redis's clock; shifted onto ours so a skewed host still shows the shared time.
    const skew = Number(wall) - Date.now();
    this.clock.adopt({ startMs: Number(start), advancedMs: Number(advanced), runningSince: Number(since) - skew });
    if (this.resets !== resets) {
      // Reset here or elsewhere, or Redis lost its data: what this process holds is from before.
      if (this.resets !== undefined) for (const listener of this.resetListeners) listener();
      this.resets = resets;
      this.live.version = -1;
    }
    for (let tries = 0; this.live.version < Number(version) && tries < MAX_RELOADS; tries++) {
      this.reloading ??= this.reload().finally(() => (this.reloading = undefined));
      await this.reloading;
    }
  }

  private async reload(): Promise<void> {
    const results = await this.redis
      .multi()
      .hgetall(this.keys.values)
      .hgetall(this.keys.consent)
      .hget(this.keys.state, 'version')
      .exec()
      .catch((error: unknown) => this.unavailable(error));
    const [values, consent, version] = (results ?? []).map(([error, value]) => {
      if (error) this.unavailable(error);
      return value;
    }) as [Record<string, string>, Record<string, string>, string | null];
    this.live.replace(snapshotOf(values, consent), Number(version ?? 0));
  }

  private hashOf(key: string): string {
    let hash = this.keyHashes.get(key);
    if (hash === undefined) {
      if (this.keyHashes.size >= KEY_HASH_CACHE) this.keyHashes.clear();
      this.keyHashes.set(key, (hash = keyHash(key)));
    }
    return hash;
  }

  private noteDown(error: Error): void {
    if (this.down) return;
    this.down = true;
    this.warn('state store unreachable; requests that need it answer 503 until it is back', {
      store: this.description,
      reason: reasonOf(error),
    });
  }

  private unavailable(error: unknown): never {
    if (error instanceof ProblemError) throw error;
    this.noteDown(error as Error);
    // While disconnected ioredis refuses at once ("Stream isn't writeable"): the connection's error says more.
    const reason = this.redis.status === 'ready' ? reasonOf(error) : this.lastReason;
    throw new ProblemError(
      'service-unavailable',
      `The state store ${this.description} is unreachable (${reason}); this mock answers again once it is back.`,
    );
  }
}

function operation(change: StateChange): [string, string, string] {
  switch (change.kind) {
    case 'custom-field-value':
      return ['value', valueField(change.agency, change.objectId, change.fieldId), JSON.stringify(change.value)];
    case 'consent-set':
      return [
        'consent',
        consentField(change.agency, change.personId),
        JSON.stringify({ consented: change.consented, day: change.day }),
      ];
    case 'consent-cleared':
      return ['unconsent', consentField(change.agency, change.personId), ''];
    case 'clock-advanced':
      return ['advance', String(change.milliseconds), ''];
    case 'journal-cleared':
      return ['journal', '', ''];
    case 'reset':
      return ['reset', '', ''];
  }
}

function snapshotOf(values: Record<string, string>, consent: Record<string, string>): StateSnapshot {
  return {
    customFieldValues: Object.entries(values).map(([field, json]) => {
      const [agency = '', objectId = '', fieldId = ''] = splitField(field);
      return { agency, objectId, fieldId, value: JSON.parse(json) as string | number | boolean };
    }),
    consentOverrides: Object.entries(consent).map(([field, json]) => {
      const [agency = '', personId = ''] = splitField(field);
      const { consented, day } = JSON.parse(json) as { consented: boolean; day: number };
      return { agency, personId, consented, day };
    }),
  };
}

function reasonOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return (code ?? String(message)).replace(/\s+/g, ' ').slice(0, 160);
}
