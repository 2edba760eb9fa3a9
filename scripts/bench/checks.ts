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
  const single = ratiosOf(mockRow('single'), rows);
  const worstFirst = Math.max(...firstAnswers.map((answer) => answer.maxMs));
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
      measured: whole(cold.recordsPerSecond),
      goal: `≥ ${whole(TARGETS.coldRecordsPerSecond)}`,
      pass: cold.recordsPerSecond >= TARGETS.coldRecordsPerSecond,
    },
    {
      name: `resident memory, ${whole(memory.tenants)} tenants after ${memory.pages} random pages`,
      measured: `${fixed(memory.rssMb, 1)} MiB (peak ${fixed(memory.peakRssMb, 1)})`,
      goal: `< ${TARGETS.rssMb} MiB`,
      pass: memory.rssMb < TARGETS.rssMb,
    },
    ...firstAnswers.map((answer) => ({
      name: `first answer, ${answer.tenants === null ? 'default data set' : `${whole(answer.tenants)} tenants`}`,
      measured: `median ${whole(answer.medianMs)} ms, worst ${whole(answer.maxMs)} ms`,
      goal: `< ${TARGETS.firstAnswerMs} ms`,
      pass: answer.maxMs < TARGETS.firstAnswerMs,
    })),
    {
      name: 'first answer at any size (worst run)',
      measured: `${whole(worstFirst)} ms`,
      goal: `< ${TARGETS.firstAnswerMs} ms`,
      pass: worstFirst < TARGETS.firstAnswerMs,
    },
  ];
}
