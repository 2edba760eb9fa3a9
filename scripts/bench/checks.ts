import type { ColdWalkResult } from './cold-walk.js';
import type { FirstAnswerResult } from './first-answer.js';
import { fixed, whole } from './format.js';
import type { MemoryResult } from './memory.js';
import { ratiosOf, type RouteKey, type Row } from './rows.js';
import { TARGETS } from './settings.js';

/** One of the issue's targets, judged. */
export interface Check {
  readonly name: string;
  readonly measured: string;
  readonly goal: string;
  readonly pass: boolean;
}

/** The issue's targets, PASS or MISS, from the measured figures. */
export function checks(
  rows: readonly Row[],
  cold: ColdWalkResult,
  memory: MemoryResult,
  firstAnswers: readonly FirstAnswerResult[],
): Check[] {
  const mockRow = (route: RouteKey): Row => {
    const row = rows.find((candidate) => candidate.target === 'mock' && candidate.route === route);
    if (!row) throw new Error(`no mock row for ${route}`);
    return row;
  };
  const hot = ratiosOf(mockRow('hot'), rows);
  const coldVsHttp = ratiosOf(mockRow('cold'), rows).requestsVsHttp;
  const express = rows.find((row) => row.target === 'bare Express' && row.route === 'hot');
  const rssRatio = mockRow('hot').result.rssUnderLoadMb / (express?.result.rssUnderLoadMb ?? NaN);
  const single = ratiosOf(mockRow('single'), rows);
  // Judged on each size's median run: one slow spawn on a shared machine says little about the mock.
  const slowestMedian = Math.max(...firstAnswers.map((answer) => answer.medianMs));
  return [
    {
      name: 'hot page req/s vs bare Express',
      measured: fixed(hot.requestsVsExpress, 2),
      goal: `≥ ${TARGETS.hotRatio}`,
      pass: hot.requestsVsExpress >= TARGETS.hotRatio,
    },
    {
      name: 'hot page CPU/req vs bare Express (fairer: client-bound)',
      measured: fixed(hot.cpuVsExpress, 2),
      goal: `≥ ${TARGETS.hotRatio}`,
      pass: hot.cpuVsExpress >= TARGETS.hotRatio,
    },
    {
      name: 'single record req/s vs bare Express',
      measured: fixed(single.requestsVsExpress, 2),
      goal: `≥ ${TARGETS.singleRatio}`,
      pass: single.requestsVsExpress >= TARGETS.singleRatio,
    },
    {
      name: 'single record CPU/req vs bare Express',
      measured: fixed(single.cpuVsExpress, 2),
      goal: `≥ ${TARGETS.singleRatio}`,
      pass: single.cpuVsExpress >= TARGETS.singleRatio,
    },
    {
      name: 'cold walk records/s',
      measured: `${whole(cold.recordsPerSecond)} (${fixed(cold.cpuMsPerRequest, 1)} ms CPU a page)`,
      goal: `≥ ${whole(TARGETS.coldRecordsPerSecond)}`,
      pass: cold.recordsPerSecond >= TARGETS.coldRecordsPerSecond,
    },
    {
      name: 'uncached page (cold walk) req/s vs node:http hot page',
      measured: fixed(coldVsHttp, 3),
      goal: `≥ ${TARGETS.uncachedVsHttp}`,
      pass: coldVsHttp >= TARGETS.uncachedVsHttp,
    },
    {
      name: 'RSS under the hot-page load vs bare Express',
      measured: `${fixed(rssRatio, 2)} (${fixed(mockRow('hot').result.rssUnderLoadMb, 0)} vs ${fixed(express?.result.rssUnderLoadMb ?? NaN, 0)} MiB)`,
      goal: `≤ ${TARGETS.rssUnderLoadVsExpress}`,
      pass: rssRatio <= TARGETS.rssUnderLoadVsExpress,
    },
    {
      name: `resident memory, ${whole(memory.tenants)} tenants after ${memory.pages} random pages (median run)`,
      measured: `${fixed(memory.rssMb, 0)} MiB (runs ${memory.runs.map((run) => fixed(run.rssMb, 0)).join('/')})`,
      goal: `< ${TARGETS.rssMb} MiB`,
      pass: memory.rssMb < TARGETS.rssMb,
    },
    ...firstAnswers.map((answer) => ({
      name: `first answer, ${answer.tenants === null ? 'default data set' : `${whole(answer.tenants)} tenants`} (median)`,
      measured: `${whole(answer.medianMs)} ms (runs ${answer.runsMs.map((ms) => whole(ms)).join('/')})`,
      goal: `< ${TARGETS.firstAnswerMs} ms`,
      pass: answer.medianMs < TARGETS.firstAnswerMs,
    })),
    {
      name: 'first answer at any size (slowest median)',
      measured: `${whole(slowestMedian)} ms`,
      goal: `< ${TARGETS.firstAnswerMs} ms`,
      pass: slowestMedian < TARGETS.firstAnswerMs,
    },
  ];
}
