import type { PersonalDataPlan } from '../contract/personal-data-marks.js';

/**
 * A copy of `record` without the plan's personal-data fields: absent, not null and not "".
 * Builds a new object rather than deleting keys, which keeps V8's fast object shapes for
 * JSON serialisation.
 */
export function redact(record: Record<string, unknown>, plan: PersonalDataPlan): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in record) {
    if (plan.marked.has(key)) continue;
    const value = record[key];
    const inner = plan.nested.get(key);
    if (inner && value && typeof value === 'object' && !Array.isArray(value)) {
      copy[key] = redact(value as Record<string, unknown>, inner);
    } else {
      copy[key] = value;
    }
  }
  return copy;
}
