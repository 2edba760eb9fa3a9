// One drift run: probe every route of the contract (discovering IDs as it goes), then the
// negative cases, then compare what was seen with the contract and, when given, the
// provider's own document.
import type { RateLimit } from '../../src/client-options.js';
import { AnswerObserver } from './answer-observer.js';
import type { ContractModel, OperationView } from './contract-model.js';
import { DiscoveryPool } from './discovery-pool.js';
import {
  fillParameters,
  filteredProbes,
  negativeProbes,
  positiveProbe,
  type PlannedProbe,
  type PlanSettings,
} from './probe-plan.js';
import type { ProbeAnswer, Transport } from './probe-request.js';
import { ProbeSession } from './probe-session.js';
import type { ProgressSink } from './progress-line.js';
import { detectReadings, suggestedFlags } from './reading-detection.js';
import { isDrift, type DriftReport, type Finding } from './report-model.js';
import { RequestBudget } from './request-budget.js';
import { UnusableInputError } from './unusable-input-error.js';

export interface DriftSettings extends PlanSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly rateLimit: RateLimit;
  readonly rateLimitText: string;
  readonly maxRequests: number;
  readonly allowWrites: boolean;
  readonly timeoutMs: number;
  readonly toolVersion: string;
}

/** The base URL as reports show it: no user, password or query (where a key could hide). */
export function displayUrl(text: string): string {
  const url = new URL(text);
  url.username = '';
  url.password = '';
  url.search = '';
  return url.toString().replace(/\/$/, '');
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The value a write probe sends back: what the matching GET answered, so nothing changes. */
function writeBackBody(model: ContractModel, operation: OperationView, read: unknown): unknown {
  if (!operation.requestBody) return undefined;
  const view = model.walker.view(operation.requestBody.schema, operation.requestBody.segments);
  const [name] = [...view.properties.keys()];
  if (name === undefined) return read;
  const value =
    read !== null && typeof read === 'object' && name in (read as object)
      ? (read as Record<string, unknown>)[name]
      : read;
  return { [name]: value };
}

export async function runDrift(
  model: ContractModel,
  settings: DriftSettings,
  progress: ProgressSink,
  providerFindings: () => Promise<Finding[]> = async () => [],
): Promise<DriftReport> {
  const keyHeader = model.keyHeaders[0] ?? 'api_key';
  const transport: Transport = {
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    keyHeader,
    timeoutMs: settings.timeoutMs,
  };
  const budget = new RequestBudget(settings.rateLimit, settings.maxRequests);
  const pagedCount = model.operations.filter((operation) => operation.paging).length;
  const session = new ProbeSession(transport, budget, progress, model.operations.length * 2 + pagedCount + 4);
  const observer = new AnswerObserver(model);
  const pool = new DiscoveryPool();
  const done: PlannedProbe[] = [];
  const reads = new Map<string, unknown>();
  let firstAnswer = true;

  const send = async (probe: PlannedProbe): Promise<ProbeAnswer | undefined> => {
    const answer = await session.run(probe);
    if (!answer) {
      if (firstAnswer && session.records.at(-1)?.status === 'fail') {
        throw new UnusableInputError(`cannot reach ${displayUrl(settings.baseUrl)}: ${session.records.at(-1)?.reason}`);
      }
      return undefined;
    }
    if (firstAnswer && probe.request.sendKey && answer.status === 401) {
      throw new UnusableInputError(
        'the provider refused the API key (401): check --api-key / AGENTOS_API_KEY and that the key has the Contacts tier',
      );
    }
    firstAnswer = false;
    observer.add(probe, answer);
    if (answer.status >= 200 && answer.status < 300 && answer.isJson) {
      pool.collect(answer.json, observer.guideFor(probe.operation), probe.operation.operationId, probe.params);
      if (probe.operation.method === 'get') reads.set(Object.keys(probe.params).sort().join(','), answer.json);
    }
    return answer;
  };

  let pending = [...model.operations];
  for (let pass = 0; pass <= model.operations.length && pending.length > 0; pass++) {
    const next: OperationView[] = [];
    for (const operation of pending) {
      const filled = fillParameters(model, operation, pool, settings);
      if ('missing' in filled) {
        next.push(operation);
        continue;
      }
      const probe = positiveProbe(operation, filled.params, settings, filled.roles);
      if (operation.method !== 'get') {
        if (!settings.allowWrites) {
          session.skip(probe, 'not sent: writes are probed only with --allow-writes');
          continue;
        }
        const read = reads.get(Object.keys(filled.params).sort().join(','));
        if (read === undefined) {
          session.skip(probe, 'not sent: no value was read to write back unchanged');
          continue;
        }
        await send({ ...probe, request: { ...probe.request, body: writeBackBody(model, operation, read) } });
        continue;
      }
      const answer = await send(probe);
      if (answer && answer.status < 300) {
        done.push(probe);
        for (const filtered of filteredProbes(probe, pool)) await send(filtered);
      }
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  for (const operation of pending) {
    const filled = fillParameters(model, operation, pool, settings);
    const missing = 'missing' in filled ? filled.missing : 'a parameter';
    const probe = positiveProbe(operation, {}, settings);
    session.skip(probe, `not sent: no answer so far gave a value for ${missing}`, session.incomplete);
  }
  for (const probe of negativeProbes(model, done, observer.largestList?.operationId)) await send(probe);
  progress.stop();

  const findings = [...observer.finish(), ...(await providerFindings())];
  const order = new Map(model.operations.map((operation, index) => [operation.operationId, index]));
  findings.sort(
    (a, b) =>
      (order.get(a.operation ?? '') ?? 999) - (order.get(b.operation ?? '') ?? 999) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  observer.evidence.limited = {
    withRetryAfter: session.counters.withRetryAfter,
    without: session.counters.withoutRetryAfter,
  };
  const readings = detectReadings(observer.evidence);
  const drift = findings.some(isDrift);
  const exitCode = drift ? 1 : session.incomplete ? 3 : 0;
  return {
    tool: 'drift',
    toolVersion: settings.toolVersion,
    generatedAt: new Date().toISOString(),
    target: { baseUrl: displayUrl(settings.baseUrl), shortName: settings.shortName },
    contract: { title: model.title, version: model.version },
    outcome: drift ? 'drift' : session.incomplete ? 'incomplete' : 'no-drift',
    exitCode,
    probes: session.records,
    findings,
    readings,
    suggestedFlags: suggestedFlags(readings),
    budget: {
      rateLimit: settings.rateLimitText,
      maxRequests: settings.maxRequests,
      requestsSent: budget.sent,
      rateLimited: session.counters.rateLimited,
      blocked: session.counters.blocked,
    },
  };
}
