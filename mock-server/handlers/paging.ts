/** The validated `offset` and `count` path segments as numbers. */
export function pagingOf(params: Readonly<Record<string, string>>): { offset: number; count: number } {
  return { offset: Number(params.offset), count: Number(params.count) };
}

/** The `[start, end)` slice of an index range that a page covers. */
export function pageRange(start: number, end: number, offset: number, count: number): { from: number; to: number } {
  const from = Math.min(end, start + offset);
  return { from, to: Math.min(end, from + count) };
}
