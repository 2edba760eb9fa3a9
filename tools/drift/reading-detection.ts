// Which of the mock's reading switches matches what the provider did. A reading is never drift:
// it is one of the behaviours the contract leaves open, and the mock can serve each of them.
import type { Reading } from './report-model.js';
import type { SchemaView, SchemaWalker } from './schema-view.js';
import type { Shape } from './shape-inference.js';

export type ErrorStyle = 'agentos' | 'problem' | 'other';

export interface ReadingEvidence {
  nulls: number;
  /** Contract properties present in some answers and absent in others. */
  sometimesAbsent: number;
  dateOffset: number;
  dateLocal: number;
  errorStyles: Record<ErrorStyle, number>;
  /** Operations whose unpaged list came back as a bare array, or in the envelope. */
  unpaged: { array: Set<string>; envelope: Set<string> };
  limited: { withRetryAfter: number; without: number };
  overMax?: 'reject' | 'clamp' | 'no-cap';
}

export function emptyEvidence(): ReadingEvidence {
  return {
    nulls: 0,
    sometimesAbsent: 0,
    dateOffset: 0,
    dateLocal: 0,
    errorStyles: { agentos: 0, problem: 0, other: 0 },
    unpaged: { array: new Set(), envelope: new Set() },
    limited: { withRetryAfter: 0, without: 0 },
  };
}

/** ASP.NET's `{"Message": ...}` or RFC 9457 problem+json; anything else is `other`. */
export function errorStyleOf(contentType: string, body: unknown): ErrorStyle {
  const object =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (contentType.includes('problem+json') || (object && 'type' in object && 'title' in object && 'status' in object))
    return 'problem';
  if (object && typeof object.Message === 'string') return 'agentos';
  return 'other';
}

/** Adds a shape's nulls, absences and date styles to the evidence, walking it with the contract. */
export function gatherShapeEvidence(
  walker: SchemaWalker,
  view: SchemaView | undefined,
  shape: Shape,
  evidence: ReadingEvidence,
  depth = 0,
): void {
  evidence.nulls += shape.types.null ?? 0;
  evidence.dateOffset += shape.formats['date-time-offset'] ?? 0;
  evidence.dateLocal += shape.formats['date-time-local'] ?? 0;
  if (depth > 32) return;
  if (view && shape.objects > 0) {
    for (const name of view.properties.keys()) {
      const present = shape.properties[name]?.present ?? 0;
      if (present > 0 && present < shape.objects) evidence.sometimesAbsent += shape.objects - present;
    }
  }
  for (const [name, entry] of Object.entries(shape.properties)) {
    const property = view?.properties.get(name);
    gatherShapeEvidence(
      walker,
      property ? walker.view(property.written, property.segments) : undefined,
      entry.shape,
      evidence,
      depth + 1,
    );
  }
  if (shape.items) {
    gatherShapeEvidence(
      walker,
      view?.items ? walker.view(view.items, view.itemsSegments ?? []) : undefined,
      shape.items,
      evidence,
      depth + 1,
    );
  }
}

function pick<T extends string>(counts: Record<T, number>): T | undefined {
  const sorted = (Object.entries(counts) as [T, number][]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return sorted[0]?.[0];
}

export function detectReadings(evidence: ReadingEvidence): Reading[] {
  const readings: Reading[] = [];
  const { nulls, sometimesAbsent } = evidence;
  readings.push({
    switch: '--nulls',
    value: nulls > 0 ? 'null' : sometimesAbsent > 0 ? 'absent' : undefined,
    evidence: `${nulls} null values; ${sometimesAbsent} times a property of the contract was left out of an answer that had it elsewhere`,
  });
  const errorStyle = pick({ agentos: evidence.errorStyles.agentos, problem: evidence.errorStyles.problem });
  readings.push({
    switch: '--errors',
    value: errorStyle,
    evidence: `error bodies: ${evidence.errorStyles.agentos} {"Message"}, ${evidence.errorStyles.problem} problem+json, ${evidence.errorStyles.other} other`,
  });
  // One bare array is enough: a provider that wraps some lists still answers others unwrapped.
  const { array, envelope } = evidence.unpaged;
  readings.push({
    switch: '--unpaged',
    value: array.size > 0 ? 'array' : envelope.size > 0 ? 'envelope' : undefined,
    evidence: `unpaged lists: bare arrays from ${[...array].join(', ') || 'none'}; envelopes from ${[...envelope].join(', ') || 'none'}`,
  });
  readings.push({
    switch: '--dates',
    value: evidence.dateOffset > evidence.dateLocal ? 'utc' : evidence.dateLocal > 0 ? 'local' : undefined,
    evidence: `date-times: ${evidence.dateOffset} with an offset, ${evidence.dateLocal} without`,
  });
  const { withRetryAfter, without } = evidence.limited;
  readings.push({
    switch: '--retry-after',
    value: withRetryAfter + without === 0 ? undefined : withRetryAfter >= without ? 'send' : 'omit',
    evidence:
      withRetryAfter + without === 0
        ? 'no 429 or 403 was met'
        : `429/403 answers: ${withRetryAfter} with Retry-After, ${without} without`,
  });
  readings.push({
    switch: '--over-max',
    value: evidence.overMax === 'no-cap' ? undefined : evidence.overMax,
    evidence:
      evidence.overMax === undefined
        ? 'the over-maximum count was not probed'
        : evidence.overMax === 'reject'
          ? 'a count over the maximum was refused with 400'
          : evidence.overMax === 'clamp'
            ? 'a count over the maximum was answered, with at most the maximum records'
            : 'a count over the maximum was answered with more records than the maximum',
  });
  return readings;
}

export function suggestedFlags(readings: readonly Reading[]): string[] {
  return readings
    .filter((reading) => reading.value !== undefined)
    .flatMap((reading) => [reading.switch, reading.value as string]);
}
