import { expect } from 'vitest';
import type { Page } from './contract-types.js';
import type { CallOptions, MockClient } from './mock-client.js';

/**
 * Every record of a list, page by page (`pathOf(offset, count)`), checking that each page reports
 * the same Count and that the walk ends exactly at it.
 */
export async function fetchAll<T>(
  client: MockClient,
  pathOf: (offset: number, count: number) => string,
  pageSize: number,
  options?: CallOptions,
): Promise<{ count: number; records: T[] }> {
  const records: T[] = [];
  let total: number | undefined;
  for (let offset = 0; total === undefined || offset < total; offset += pageSize) {
    const response = await client.get<Page<T>>(pathOf(offset, pageSize), options);
    expect(response.status).toBe(200);
    total ??= response.body.Count;
    expect(response.body.Count).toBe(total);
    expect(response.body.Data.length).toBe(Math.min(pageSize, total - offset));
    records.push(...response.body.Data);
  }
  return { count: total, records };
}
