/**
 * `npm run bench:client`: a full `agentos-contacts sync` of a few thousand contacts against the
 * mock limited to 20 requests per rolling 2 s. Prints how much of the rate-limit budget the sync
 * used and how many 429s it met (target: at least 0.95, and none). A report: it exits 0 anyway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer } from '../mock-server/create-mock-server.js';
import { createContactsClient, type ClientEvent } from '../src/index.js';
import { SqliteStore } from '../tools/sync/sqlite-store.js';
import { runSync } from '../tools/sync/sync-run.js';

const LIMIT = { requests: 20, windowMs: 2000 };
const COUNTS = { tenants: 1500, landlords: 600, lettingsApplicants: 900, salesApplicants: 450, vendors: 300 };
const KEY = 'bench-client-key';

const mock = await createMockServer({
  quiet: true,
  rateLimit: LIMIT,
  counts: COUNTS,
  branches: 6,
  multiRoleShare: 0.1,
});
const server = mock.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const dir = mkdtempSync(join(tmpdir(), 'bench-client-'));

const sent: number[] = [];
const events: ClientEvent[] = [];
const client = createContactsClient({
  baseUrl,
  apiKey: KEY,
  shortName: 'demo',
  integrator: 'bench-client',
  rateLimit: LIMIT,
  fetch: (input, init) => {
    sent.push(performance.now());
    return fetch(input, init);
  },
  onEvent: (event) => events.push(event),
});

const store = new SqliteStore(join(dir, 'contacts.sqlite'));
const started = performance.now();
const summary = await runSync({ client, store, pageSize: 1000 });
const finished = performance.now();
store.close();

const journal = async (status: number): Promise<number> => {
  const response = await fetch(`${baseUrl}/__mock/requests?status=${status}`);
  return ((await response.json()) as { Count: number }).Count;
};
const [served429, served403] = [await journal(429), await journal(403)];
server.closeAllConnections();
server.close();
rmSync(dir, { recursive: true, force: true });

const requests = sent.length;
const first = sent[0] ?? started;
const last = sent[sent.length - 1] ?? finished;
const seconds = (last - first) / 1000;
const limitPerSecond = LIMIT.requests / (LIMIT.windowMs / 1000);
// The share of the budget: achieved requests per second (first to last request) over the limit's.
const share = requests / seconds / limitPerSecond;
const contacts = Object.values(COUNTS).reduce((sum, count) => sum + count, 0);

console.log(
  `bench:client: sync of ${contacts} contacts in 6 branches, mock limited to ${LIMIT.requests}/${LIMIT.windowMs / 1000}s`,
);
console.log(
  `  requests sent:            ${requests} (${summary.personRolesRead} person-role reads) in ${((finished - started) / 1000).toFixed(1)} s`,
);
console.log(
  `  achieved rate:            ${(requests / seconds).toFixed(2)} req/s, first to last request (limit ${limitPerSecond} req/s)`,
);
console.log(`  share of the budget used: ${share.toFixed(3)}`);
console.log(
  `  429s:                     ${served429} served, ${events.filter((event) => event.type === 'rate-limited').length} seen by the client`,
);
console.log(`  403s:                     ${served403}`);
console.log(`  target (>= 0.95 of the budget, zero 429s): ${share >= 0.95 && served429 === 0 ? 'met' : 'MISSED'}`);
