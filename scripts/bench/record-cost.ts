/**
 * `npm run bench:records`: CPU microseconds a record of an uncached list page, in process, for the
 * object path (build the record, then JSON.stringify it) and the direct path (write it straight to
 * JSON text), side by side in interleaved rounds so both meet the same machine. Prints medians and
 * their ratio per reading. A report, not a test: it exits 0 whatever it measures.
 */
import { CONTACT_TYPE_KEYS } from '../../fixtures/contact-types.js';
import { loadContract } from '../../mock-server/contract/contract.js';
import type { ServerResponse } from 'node:http';
import { SerializedPage, sendUncached } from '../../mock-server/http/serialize-body.js';
import { resolveOptions, type MockOptionsInput } from '../../mock-server/options/mock-options.js';
import type { Agency } from '../../mock-server/state/agency.js';
import { MockState } from '../../mock-server/state/mock-state.js';
import { fixed } from './format.js';

const PAGE = 1000;
const PAGES_PER_ROUND = 40;
const ROUNDS = 5;
// Big enough that pages do not repeat within a run, as on a cold walk.
const PER_TYPE = PAGE * PAGES_PER_ROUND * ROUNDS;

type Path = 'object' | 'direct';

/** Takes what an uncached page sends and counts it, so the bench measures the making and not a socket. */
class CountingResponse {
  statusCode = 0;
  bytes = 0;
  setHeader(): void {}
  cork(): void {}
  write(chunk: string | Buffer): boolean {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return true;
  }
  end(chunk?: string | Buffer): void {
    if (chunk !== undefined) this.write(chunk);
  }
}

const READINGS: readonly { name: string; input: MockOptionsInput; authorised: boolean }[] = [
  { name: 'defaults (--nulls null)', input: {}, authorised: false },
  { name: '--nulls absent', input: { nulls: 'absent' }, authorised: false },
  { name: 'authorised integrator', input: {}, authorised: true },
];

function agencyFor(input: MockOptionsInput): Agency {
  const counts = Object.fromEntries(CONTACT_TYPE_KEYS.map((type) => [type, PER_TYPE]));
  const options = resolveOptions({ ...input, counts, quiet: true });
  const state = new MockState(options, loadContract().document, () => {});
  return state.agencies.get(options.shortNames[0] as string) as Agency;
}

/** CPU µs a record over one round of pages (every type in turn), from `firstPage` on. */
function round(agency: Agency, path: Path, authorised: boolean, firstPage: number): number {
  const response = new CountingResponse();
  const start = process.cpuUsage();
  for (let page = firstPage; page < firstPage + PAGES_PER_ROUND; page++) {
    const type = CONTACT_TYPE_KEYS[page % CONTACT_TYPE_KEYS.length] as (typeof CONTACT_TYPE_KEYS)[number];
    const body = new SerializedPage(PER_TYPE);
    const from = (page * PAGE) % PER_TYPE;
    // As list-contacts writes a page: one writer for the page's type and reader.
    const write = agency.jsonWriter(type, authorised);
    for (let index = from; index < from + PAGE; index++) {
      if (path === 'object') body.add(agency.present(type, index, authorised));
      else {
        const text = write(index, body.hasRecords);
        body.addItem(text, agency.jsonByteLength(text));
      }
    }
    // As an uncached page goes out (--response-cache-mb 0, or a page asked for the first time).
    sendUncached(response as unknown as ServerResponse, 200, 'application/json', body);
  }
  const used = process.cpuUsage(start);
  if (response.bytes === 0) throw new Error('no bytes written');
  return (used.user + used.system) / (PAGES_PER_ROUND * PAGE);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

console.log(`record cost: ${ROUNDS} interleaved rounds of ${PAGES_PER_ROUND} pages of ${PAGE}, CPU µs a record`);
console.log('reading                    object  direct  direct/object');
for (const reading of READINGS) {
  const agency = agencyFor(reading.input);
  // A warm-up page each, so neither path pays for compiling the other's code.
  round(agency, 'object', reading.authorised, 0);
  round(agency, 'direct', reading.authorised, 0);
  const costs: Record<Path, number[]> = { object: [], direct: [] };
  for (let r = 0; r < ROUNDS; r++) {
    // Alternating which goes first, and different pages each round, as a cold walk has.
    const order: Path[] = r % 2 === 0 ? ['object', 'direct'] : ['direct', 'object'];
    for (const path of order) costs[path].push(round(agency, path, reading.authorised, r * PAGES_PER_ROUND));
  }
  const object = median(costs.object);
  const direct = median(costs.direct);
  console.log(
    `${reading.name.padEnd(25)} ${fixed(object, 2).padStart(7)} ${fixed(direct, 2).padStart(7)} ${fixed(direct / object, 2).padStart(14)}`,
  );
}
