import type autocannon from 'autocannon';
import { stop } from './children.js';
import { measureInRounds, type LoadResult } from './load.js';
import { startMock } from './mock.js';
import { COLD_TENANTS, PAGE_SIZE } from './settings.js';

export interface ColdWalkResult extends LoadResult {
  readonly recordsPerSecond: number;
  /** Pages handed to autocannon, warm-up included; more than the data set has means it wrapped. */
  readonly pagesRequested: number;
  readonly pagesInDataSet: number;
  readonly wrapped: boolean;
}

/**
 * Walks a 1,000,000-tenant data set page by page in order, never asking a page twice unless it runs
 * out. The response cache is off so that, even after a wrap, every page is generated afresh.
 */
export async function coldWalk(): Promise<ColdWalkResult> {
  const mock = await startMock('mock (cold)', ['--tenants', String(COLD_TENANTS), '--response-cache-mb', '0']);
  const pagesInDataSet = Math.ceil(COLD_TENANTS / PAGE_SIZE);
  let next = 0;
  // One counter shared by every connection, so no two requests ask the same page.
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    const offset = (next++ % pagesInDataSet) * PAGE_SIZE;
    return { ...request, path: `/v4/contacts/demo/tenants/${offset}/${PAGE_SIZE}` };
  };
  try {
    const [result] = await measureInRounds([{ url: mock.url, pid: mock.pid, setupRequest }]);
    if (!result) throw new Error('cold walk: no result');
    return {
      ...result,
      recordsPerSecond: result.requestsPerSecond * PAGE_SIZE,
      pagesRequested: next,
      pagesInDataSet,
      wrapped: next > pagesInDataSet,
    };
  } finally {
    await stop(mock.child);
  }
}
