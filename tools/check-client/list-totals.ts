import { MemoryStore } from '../../mock-server/state/memory-store.js';
import type { MockHost } from './mock-host.js';
import type { ListSeries } from './checks/paging.js';

/** Attempts per probe: the mock's own --error-rate may answer 503 to the grader too. */
const PROBE_ATTEMPTS = 20;

/**
 * Asks the mock, once the command has finished, how many records each list the command started
 * has (`Count` of a one-record page with the same filters). The run is over, so the grader
 * clears the key's rate-limit state before each probe and skips the injected latency.
 */
export async function listTotals(
  host: MockHost,
  apiKey: string,
  series: readonly ListSeries[],
): Promise<Map<string, number>> {
  host.faults.fail503Every = 0;
  const totals = new Map<string, number>();
  for (const list of series) {
    const query = new URLSearchParams(list.probeQuery).toString();
    for (let attempt = 0; attempt < PROBE_ATTEMPTS; attempt++) {
      const { store } = host.mock.state;
      if (store instanceof MemoryStore) store.clearRateLimits();
      const response = await fetch(`${host.url}${list.probePath}${query === '' ? '' : `?${query}`}`, {
        headers: { api_key: apiKey, prefer: 'delay=0' },
      });
      const text = await response.text();
      if (response.status >= 500) continue;
      const count = response.ok ? (JSON.parse(text) as { Count?: unknown }).Count : undefined;
      if (typeof count === 'number') totals.set(list.key, count);
      break;
    }
  }
  return totals;
}
