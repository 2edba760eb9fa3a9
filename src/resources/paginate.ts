import type { Page } from '../contract-types.js';

/** One page request: the list route's offset and count. */
export type PageFetcher<T> = (offset: number, count: number) => Promise<Page<T>>;

/** agentOS's largest page. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Every record of a list, page by page, until `offset` reaches `Count`. An empty page also ends
 * the walk, so a list that shrinks while it is read cannot loop forever.
 */
export async function* paginate<T>(fetchPage: PageFetcher<T>, pageSize = MAX_PAGE_SIZE): AsyncGenerator<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  for (let offset = 0; ;) {
    const page = await fetchPage(offset, pageSize);
    yield* page.Data;
    offset += page.Data.length;
    if (page.Data.length === 0 || offset >= page.Count) return;
  }
}
