import { invalidRequest, type ParameterError } from '../pipeline/problems.js';

const DECIMAL_DIGITS = /^\d+$/;

/**
 * The validated `offset` and `count` path segments as numbers. The contract's integer check
 * coerces loosely (`0x10`, `1e3` and `10.0` pass as numbers), so the segments must also be
 * plain decimal digits, as agentOS's own parser reads them.
 */
export function pagingOf(params: Readonly<Record<string, string>>): { offset: number; count: number } {
  const errors: ParameterError[] = [];
  for (const name of ['offset', 'count']) {
    if (!DECIMAL_DIGITS.test(params[name] ?? ''))
      errors.push({ name, in: 'path', reason: 'must be written as decimal digits only' });
  }
  if (errors.length > 0) throw invalidRequest(errors);
  return { offset: Number(params.offset), count: Number(params.count) };
}

/** The `[start, end)` slice of an index range that a page covers. */
export function pageRange(start: number, end: number, offset: number, count: number): { from: number; to: number } {
  const from = Math.min(end, start + offset);
  return { from, to: Math.min(end, from + count) };
}
