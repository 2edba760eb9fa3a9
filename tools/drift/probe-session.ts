// Sends planned probes one at a time inside the budget, and applies the stop rules: a 429 stops
// that route (after a pause of at least a window), a 403 block stops everything, the cap stops
// the rest. Nothing is ever retried.
import type { PlannedProbe } from './probe-plan.js';
import { headersThatMatter, sendProbe, type ProbeAnswer, type Transport } from './probe-request.js';
import type { ProgressSink } from './progress-line.js';
import type { ProbeRecord } from './report-model.js';
import type { RequestBudget } from './request-budget.js';

export interface SessionCounters {
  rateLimited: number;
  blocked: number;
  /** 429/403 answers with and without Retry-After (a reading). */
  withRetryAfter: number;
  withoutRetryAfter: number;
}

export class ProbeSession {
  readonly records: ProbeRecord[] = [];
  readonly counters: SessionCounters = { rateLimited: 0, blocked: 0, withRetryAfter: 0, withoutRetryAfter: 0 };
  private readonly stoppedRoutes = new Set<string>();
  private blockedAll = false;
  /** True once a probe was stopped or skipped by the budget, a 429 or a 403. */
  incomplete = false;

  constructor(
    private readonly transport: Transport,
    private readonly budget: RequestBudget,
    private readonly progress: ProgressSink,
    public expectedTotal: number,
  ) {}

  private record(probe: PlannedProbe, fields: Omit<ProbeRecord, 'id' | 'operation' | 'route' | 'description'>): void {
    this.records.push({
      id: `${probe.operation.operationId}:${probe.kind}:${this.records.length + 1}`,
      operation: probe.operation.operationId,
      route: `${probe.operation.method.toUpperCase()} ${probe.operation.path}`,
      description: probe.description,
      ...fields,
    });
    const eta = this.budget.etaMs(Math.max(0, this.expectedTotal - this.records.length));
    this.progress.update(
      this.records.length,
      Math.max(this.expectedTotal, this.records.length),
      this.budget.inUse(),
      this.budget.rateLimit.requests,
      eta,
    );
  }

  skip(probe: PlannedProbe, reason: string, incomplete = false): void {
    if (incomplete) this.incomplete = true;
    this.record(probe, { status: incomplete ? 'stopped' : 'skipped', expectedStatus: probe.expectedStatus, reason });
  }

  /** The answer, or undefined when the probe was not sent or got no usable answer. */
  async run(probe: PlannedProbe): Promise<ProbeAnswer | undefined> {
    if (this.blockedAll) return void this.skip(probe, 'not sent: the provider blocked the key (403)', true);
    if (this.stoppedRoutes.has(probe.operation.operationId)) {
      return void this.skip(probe, 'not sent: this route answered 429', true);
    }
    const slot = await this.budget.acquire();
    if (!slot) return void this.skip(probe, `not sent: --max-requests ${this.budget.maxRequests} reached`, true);
    let answer: ProbeAnswer;
    try {
      answer = await sendProbe(this.transport, probe.request);
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'the request failed (network)';
      this.record(probe, { status: 'fail', expectedStatus: probe.expectedStatus, reason });
      return undefined;
    } finally {
      slot.release();
    }
    const base = {
      expectedStatus: probe.expectedStatus,
      observedStatus: answer.status,
      contentType: answer.contentType,
      headers: headersThatMatter(answer.headerNames),
    };
    if (answer.status === 429 || (answer.status === 403 && probe.expectedStatus !== 403)) {
      if (answer.retryAfter !== undefined) this.counters.withRetryAfter += 1;
      else this.counters.withoutRetryAfter += 1;
      this.incomplete = true;
      if (answer.status === 429) {
        this.counters.rateLimited += 1;
        this.stoppedRoutes.add(probe.operation.operationId);
        const seconds = Number(answer.retryAfter);
        const told = Number.isFinite(seconds) ? seconds * 1000 : 0;
        this.budget.pause(Math.max(told, this.budget.rateLimit.windowMs));
        this.record(probe, {
          ...base,
          status: 'stopped',
          reason: 'rate-limited (429): this route is not probed further',
        });
      } else {
        this.counters.blocked += 1;
        this.blockedAll = true;
        this.record(probe, { ...base, status: 'stopped', reason: 'blocked (403): no further probe is sent' });
      }
      return answer;
    }
    // Answering an over-maximum count (clamped) is a reading, not a failure.
    const accepted = answer.status === probe.expectedStatus || (probe.kind === 'count-over-max' && answer.status < 300);
    this.record(probe, { ...base, status: accepted ? 'pass' : 'fail' });
    return answer;
  }
}
