import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestJournal } from '../../mock-server/state/request-journal.js';
import { startBehaviourMock, type BehaviourClient, type JournalView } from '../support/behaviour-client.js';

const PATH = '/v4/contacts/demo/tenants/0/1';
/** 629 unknown parameters: a 15 KB request, as the adversarial pass sent 10,000 times. */
const WIDE_QUERY = Array.from({ length: 629 }, (_, index) => `unknown${index}=${'v'.repeat(12)}`).join('&');

// Finding 6: the journal was bounded by count only (857 MiB RSS, then a 500 on GET /__mock/requests).
describe('the journal is bounded in bytes', () => {
  it('per entry: a 15 KB request is kept as a few KB, marked truncated', () => {
    const journal = new RequestJournal(10);
    const query = Object.fromEntries(WIDE_QUERY.split('&').map((pair) => pair.split('=')));
    const warnings = Object.keys(query).map((name) => `unknown query parameter "${name}" is ignored`);
    journal.record(
      { time: 't', method: 'GET', path: `/v4/${'p'.repeat(20_000)}`, query, status: 200, warnings, durationMs: 0 },
      'k',
    );
    const [entry] = journal.list();
    expect(JSON.stringify(entry).length).toBeLessThan(5_000);
    expect(entry?.truncated).toBe(true);
    expect(entry?.warnings.at(-1)).toMatch(/^\.\.\. and \d+ more$/);
  });

  it('in total: the oldest entries go once the bytes are spent, whatever the count allows', () => {
    const journal = new RequestJournal(1_000_000, 1024 * 1024);
    const query = Object.fromEntries(WIDE_QUERY.split('&').map((pair) => pair.split('=')));
    for (let index = 0; index < 10_000; index++) {
      journal.record(
        { time: 't', method: 'GET', path: `/v4/${index}`, query, status: 200, warnings: [], durationMs: 0 },
        'k',
      );
    }
    expect(journal.byteSize).toBeLessThanOrEqual(1024 * 1024);
    expect(journal.size).toBeLessThan(10_000);
    expect(journal.list().at(-1)?.path).toBe('/v4/9999');
  });
});

describe('GET /__mock/requests after wide requests', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ journalMb: 1 });
  });
  afterAll(() => mock.close());

  it('answers 200 with the newest entries, within the bound', async () => {
    for (let index = 0; index < 600; index++) await mock.get(`${PATH}?${WIDE_QUERY}&n=${index}`);
    const entries: JournalView[] = await mock.journal();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThan(600);
    expect(JSON.stringify(entries).length).toBeLessThan(1.5 * 1024 * 1024);
    expect(entries.every((entry) => (entry as { truncated?: boolean }).truncated === true)).toBe(true);
  }, 60_000);
});
