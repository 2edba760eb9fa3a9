const MS_PER_DAY = 86_400_000;

/**
 * How far the clock may be moved ahead in all: a century. Past about 2.7e5 years a Date cannot
 * hold the instant (the journal threw on it) and past 2^53 days the churn walk never ended.
 */
export const MAX_ADVANCE_MS = 36_525 * MS_PER_DAY;

/** Where the simulated clock starts when none is given: the data set's reference day, 09:00 UTC. */
export const DEFAULT_CLOCK_START = '2026-01-01T09:00:00.000Z';

export interface ClockSettings {
  /** An ISO instant, or `real` to follow the wall clock. */
  readonly start: string;
  /** When frozen, time moves only when advanced (for tests); otherwise it also runs at real speed. */
  readonly frozen: boolean;
}

/** A monotonic millisecond counter; injectable so tests never sleep. */
export type Elapsed = () => number;

/**
 * The mock's notion of now. It starts at a fixed instant (so a restart gives the same output),
 * runs at real speed unless frozen, and moves forward on request (`POST /__mock/clock`). Rate
 * limit windows and consent churn both read it, so a test can advance a minute or a day over HTTP.
 */
export class SimulatedClock {
  private startMs: number;
  private advancedMs = 0;
  private elapsedAtStart: number;

  constructor(
    private readonly settings: ClockSettings,
    private readonly elapsed: Elapsed = () => performance.now(),
  ) {
    this.startMs = settings.start === 'real' ? Date.now() : Date.parse(settings.start);
    this.elapsedAtStart = elapsed();
  }

  /** Milliseconds since the Unix epoch, simulated. */
  now(): number {
    const running = this.settings.frozen ? 0 : this.elapsed() - this.elapsedAtStart;
    return this.startMs + running + this.advancedMs;
  }

  /** Why the clock cannot move ahead by this much, or undefined when it can. */
  advanceProblem(milliseconds: number): string | undefined {
    if (!Number.isSafeInteger(milliseconds) || milliseconds < 0) return 'is not a whole number of milliseconds';
    if (this.advancedMs + milliseconds > MAX_ADVANCE_MS) {
      const leftDays = Math.floor((MAX_ADVANCE_MS - this.advancedMs) / MS_PER_DAY);
      return `would move the clock more than 36525 days (a century) past its start; ${leftDays} days are left (POST /__mock/reset starts over)`;
    }
    return undefined;
  }

  advance(milliseconds: number): void {
    const problem = this.advanceProblem(milliseconds);
    if (problem) throw new RangeError(`advance ${milliseconds} ms ${problem}`);
    this.advancedMs += milliseconds;
  }

  /** Simulated days since the start day (UTC dates): day 0 is the start date. */
  day(): number {
    return Math.floor(this.now() / MS_PER_DAY) - Math.floor(this.startMs / MS_PER_DAY);
  }

  /** The calendar day number (days since 1970-01-01) of a simulated day. */
  calendarDay(simulatedDay: number): number {
    return Math.floor(this.startMs / MS_PER_DAY) + simulatedDay;
  }

  /**
   * Takes the clock a shared store keeps (replicas show one time): its start instant, how far it
   * was advanced, and when it started running, on the scale of `elapsed` (a wall clock there).
   */
  adopt(shared: { startMs: number; advancedMs: number; runningSince: number }): void {
    this.startMs = shared.startMs;
    this.advancedMs = shared.advancedMs;
    this.elapsedAtStart = shared.runningSince;
  }

  /** Back to the start instant, as after a restart. */
  reset(): void {
    this.advancedMs = 0;
    this.elapsedAtStart = this.elapsed();
    if (this.settings.start === 'real') this.startMs = Date.now();
  }

  describe(): { now: string; day: number; start: string; frozen: boolean } {
    return {
      now: new Date(this.now()).toISOString(),
      day: this.day(),
      start: new Date(this.startMs).toISOString(),
      frozen: this.settings.frozen,
    };
  }
}

/** Whether a `--clock` value is usable: `real` or an ISO instant Date.parse understands. */
export function isClockStart(text: string): boolean {
  return text === 'real' || (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)));
}
