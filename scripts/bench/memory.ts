import http from 'node:http';
import { stop } from './children.js';
import { httpGet } from './http-get.js';
import { startMock } from './mock.js';
import { mulberry32 } from './prng.js';
import { statusMb } from './proc.js';
import { MEMORY_PAGES, MEMORY_RUNS, MEMORY_SEED, MEMORY_TENANTS, PAGE_SIZE } from './settings.js';

export interface MemoryRun {
  readonly rssMb: number;
  /** Peak resident memory over the process's life (VmHWM). */
  readonly peakRssMb: number;
}

export interface MemoryResult {
  readonly tenants: number;
  readonly pages: number;
  readonly runs: readonly MemoryRun[];
  /** The median run's VmRSS: when V8 and malloc give memory back varies from run to run. */
  readonly rssMb: number;
  readonly maxRssMb: number;
  readonly peakRssMb: number;
}

/** One fresh 10,000,000-tenant mock: 200 seeded-random pages, then its VmRSS. */
async function once(): Promise<MemoryRun> {
  const mock = await startMock('mock (memory)', ['--tenants', String(MEMORY_TENANTS)]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const random = mulberry32(MEMORY_SEED);
  try {
    for (let page = 0; page < MEMORY_PAGES; page++) {
      const offset = Math.floor(random() * (MEMORY_TENANTS - PAGE_SIZE + 1));
      const answer = await httpGet(`${mock.url}/v4/contacts/demo/tenants/${offset}/${PAGE_SIZE}`, agent);
      if (answer.status !== 200) throw new Error(`memory check: page at ${offset} answered ${answer.status}`);
    }
    return { rssMb: statusMb(mock.pid, 'VmRSS'), peakRssMb: statusMb(mock.pid, 'VmHWM') };
  } finally {
    agent.destroy();
    await stop(mock.child);
  }
}

export async function memoryAfterRandomPages(): Promise<MemoryResult> {
  const runs: MemoryRun[] = [];
  for (let run = 0; run < MEMORY_RUNS; run++) runs.push(await once());
  const sorted = [...runs].sort((a, b) => a.rssMb - b.rssMb);
  return {
    tenants: MEMORY_TENANTS,
    pages: MEMORY_PAGES,
    runs,
    rssMb: sorted[Math.floor(sorted.length / 2)]?.rssMb ?? NaN,
    maxRssMb: Math.max(...runs.map((run) => run.rssMb)),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
  };
}
