// Turns each answer into evidence: shapes per operation (paired with the contract schema they
// are compared with), error styles, the unpaged and over-max readings, and status findings.
import type { ContractModel, OperationView } from './contract-model.js';
import { compareShape } from './contract-comparison.js';
import type { PlannedProbe } from './probe-plan.js';
import type { ProbeAnswer } from './probe-request.js';
import { emptyEvidence, errorStyleOf, gatherShapeEvidence, type ReadingEvidence } from './reading-detection.js';
import type { Finding } from './report-model.js';
import { emptyShape, Guide, observe, type Shape } from './shape-inference.js';

interface ShapeEntry {
  readonly operation: OperationView;
  readonly guide: Guide;
  readonly shape: Shape;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export class AnswerObserver {
  readonly evidence: ReadingEvidence = emptyEvidence();
  readonly findings: Finding[] = [];
  private readonly shapes = new Map<string, ShapeEntry>();
  /** The largest total a paged list reported, to probe the over-maximum count where it can show a clamp. */
  largestList?: { operationId: string; total: number };

  constructor(private readonly model: ContractModel) {}

  /** The body paired with the schema it is compared with; unpaged lists are read either way. */
  private pairing(operation: OperationView, body: unknown): { key: string; guide: Guide; value: unknown } | undefined {
    const success = operation.success;
    if (!success) return undefined;
    const walker = this.model.walker;
    const whole = new Guide(walker, success.schema, success.segments);
    const envelope = this.model.envelope;
    if (operation.paging || !envelope) return { key: operation.operationId, guide: whole, value: body };
    const view = whole.view;
    const data = view.properties.get(envelope.dataKey);
    const contractArray = view.types.has('array');
    if (!contractArray && !data) return { key: operation.operationId, guide: whole, value: body };
    if (Array.isArray(body)) {
      this.evidence.unpaged.array.add(operation.operationId);
      if (contractArray) return { key: operation.operationId, guide: whole, value: body };
      return { key: `${operation.operationId}[]`, guide: Guide.ofProperty(walker, data!, false), value: body };
    }
    if (isObject(body) && Array.isArray(body[envelope.dataKey])) {
      this.evidence.unpaged.envelope.add(operation.operationId);
      if (!contractArray) return { key: operation.operationId, guide: whole, value: body };
      return { key: `${operation.operationId}.${envelope.dataKey}`, guide: whole, value: body[envelope.dataKey] };
    }
    return { key: operation.operationId, guide: whole, value: body };
  }

  /** Folds a 2xx JSON answer into the shapes. */
  private observeSuccess(probe: PlannedProbe, answer: ProbeAnswer): void {
    const operation = probe.operation;
    if (!answer.contentType.includes('json') || !answer.isJson) {
      this.findings.push({
        severity: 'error',
        category: 'content-type',
        operation: operation.operationId,
        message: `${probe.description}: the provider answered ${answer.contentType || 'no content type'}${answer.isJson ? '' : ' (not JSON)'}; the contract says JSON.`,
        expected: 'application/json',
        observed: answer.contentType,
      });
      if (!answer.isJson) return;
    }
    const paired = this.pairing(operation, answer.json);
    if (!paired) return;
    const entry = this.shapes.get(paired.key) ?? { operation, guide: paired.guide, shape: emptyShape() };
    this.shapes.set(paired.key, entry);
    observe(entry.shape, paired.value, paired.guide);
    const envelope = this.model.envelope;
    if (operation.paging && envelope && isObject(answer.json) && typeof answer.json[envelope.countKey] === 'number') {
      const total = answer.json[envelope.countKey] as number;
      if (!this.largestList || total > this.largestList.total)
        this.largestList = { operationId: operation.operationId, total };
    }
  }

  private overMax(probe: PlannedProbe, answer: ProbeAnswer): void {
    if (answer.status === 400) this.evidence.overMax = 'reject';
    else if (answer.status >= 300) return;
    else {
      const maximum = Number(probe.operation.paging?.count.schema.maximum);
      const body = answer.json;
      const dataKey = this.model.envelope?.dataKey;
      const items = Array.isArray(body)
        ? body
        : isObject(body) && dataKey && Array.isArray(body[dataKey])
          ? body[dataKey]
          : [];
      this.evidence.overMax = (items as unknown[]).length > maximum ? 'no-cap' : 'clamp';
      if (this.evidence.overMax === 'no-cap') {
        this.findings.push({
          severity: 'error',
          category: 'status',
          operation: probe.operation.operationId,
          message: `${probe.description} was answered with more than ${maximum} records: the provider has no maximum page size.`,
          expected: `400, or at most ${maximum} records`,
          observed: `${(items as unknown[]).length} records`,
        });
      }
    }
  }

  /** Every answer drift got, whatever its status (429/403 included: their bodies are errors too). */
  add(probe: PlannedProbe, answer: ProbeAnswer): void {
    if (probe.kind === 'count-over-max') this.overMax(probe, answer);
    if (answer.status >= 200 && answer.status < 300) {
      this.observeSuccess(probe, answer);
    } else if (answer.status >= 400) {
      const style = errorStyleOf(answer.contentType, answer.json);
      this.evidence.errorStyles[style] += 1;
      if (style === 'other' && answer.status !== 429 && answer.status !== 403) {
        this.findings.push({
          severity: 'warning',
          category: 'error-style',
          operation: probe.operation.operationId,
          message: `${probe.description}: the ${answer.status} body is neither {"Message": ...} nor problem+json (${answer.contentType || 'no content type'}).`,
          observed: answer.contentType,
        });
      }
    }
    const limited = answer.status === 429 || (answer.status === 403 && probe.expectedStatus !== 403);
    const clamped = probe.kind === 'count-over-max' && answer.status < 300;
    if (!limited && !clamped && answer.status !== probe.expectedStatus) {
      const declared = probe.operation.statuses.has(String(answer.status));
      this.findings.push({
        severity: 'error',
        category: 'status',
        operation: probe.operation.operationId,
        message: `${probe.description}: the provider answered ${answer.status}; the contract expects ${probe.expectedStatus}${declared ? '' : ` and declares no ${answer.status} for this route`}.`,
        expected: String(probe.expectedStatus),
        observed: String(answer.status),
      });
    }
  }

  /** The guide for ID discovery in an answer of this operation (the contract's success schema). */
  guideFor(operation: OperationView): Guide | undefined {
    return operation.success
      ? new Guide(this.model.walker, operation.success.schema, operation.success.segments)
      : undefined;
  }

  /** Shape findings and the null/date readings, once every answer is in. */
  finish(): Finding[] {
    const findings = [...this.findings];
    for (const entry of this.shapes.values()) {
      const view = entry.guide.view;
      findings.push(
        ...compareShape(this.model.walker, view, entry.shape, { operation: entry.operation.operationId, path: '' }),
      );
      gatherShapeEvidence(this.model.walker, view, entry.shape, this.evidence);
    }
    return findings;
  }
}
