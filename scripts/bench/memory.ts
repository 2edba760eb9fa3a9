import http from 'node:http';
import { stop } from './children.js';
import { httpGet } from './http-get.js';
import { startMock } from './mock.js';
import { mulberry32 } from './prng.js';
import { statusMb } from './proc.js';
import { MEMORY_PAGES, MEMORY_SEED, MEMORY_TENANTS, PAGE_SIZE } from './settings.js';

export interface MemoryResult {
  readonly tenants: number;
  readonly pages: number;
  readonly rssMb: number;
  /** Peak resident memory over the process's life (VmHWM). */
  readonly peakRssMb: number;
}

/** Resident memory of a 10,000,000-tenant mock after it has served 200 seeded-random pages. */
export async function memoryAfterRandomPages(): Promise<MemoryResult> {
  const mock = await startMock('mock (memory)', ['--tenants', String(MEMORY_TENANTS)]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const random = mulberry32(MEMORY_SEED);
  try {
    for (let page = 0; page < MEMORY_PAGES; page++) {
      const offset = Math.floor(random() * (MEMORY_TENANTS - PAGE_SIZE + 1));
      const answer = await httpGet(`${mock.url}/v4/contacts/demo/tenants/${offset}/${PAGE_SIZE}`, agent);
      if (answer.status !== 200) throw new Error(`memory check: page at ${offset} answered ${answer.status}`);
    }
    return {
      tenants: MEMORY_TENANTS,
      pages: MEMORY_PAGES,
      rssMb: statusMb(mock.pid, 'VmRSS'),
      peakRssMb: statusMb(mock.pid, 'VmHWM'),
    };
  } finally {
    agent.destroy();
    await stop(mock.child);
  }
}
