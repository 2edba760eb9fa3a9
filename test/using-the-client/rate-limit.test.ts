import { afterEach, describe, expect, it } from 'vitest';
import { createContactsClient, type ClientEvent } from '../../src/index.js';
import { startMockTarget, TEST_KEY, type MockTarget } from './mock-target.js';

const LIMIT = { requests: 5, windowMs: 1000 };

/**
 * One hand-driven time for the client and the mock: the client's sleeps move it, and the mock's
 * windows read it, so a minute of rate limiting runs in milliseconds. Requests take no time on it,
 * which is the easy case for the limiter; the real-time path (latency, timers) is graded by
 * test/grading-a-client/check-client-cli.test.ts, where the reference client's sync meets a 20/2s mock.
 */
function sharedTime() {
  let time = 0;
  return {
    now: () => time,
    elapsed: () => time,
    sleep: async (ms: number) => {
      time += Math.max(0, ms);
    },
  };
}

describe('rate-aware by design, against the mock at 5/1s', () => {
  let target: MockTarget | undefined;
  let time = sharedTime();
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  async function start(blockAfter = 10): Promise<MockTarget> {
    time = sharedTime();
    target = await startMockTarget(
      { rateLimit: LIMIT, blockAfter, counts: { tenants: 200 } },
      { elapsed: time.elapsed },
    );
    return target;
  }

  const clientFor = (mock: MockTarget, events: ClientEvent[] = []) =>
    createContactsClient({
      baseUrl: mock.baseUrl,
      apiKey: TEST_KEY,
      shortName: 'demo',
      rateLimit: LIMIT,
      // Whether the mock sends Retry-After (a switch) or not, the wait is one window.
      defaultRetryAfterMs: LIMIT.windowMs,
      onEvent: (event) => events.push(event),
      now: time.now,
      sleep: time.sleep,
    });

  it('a steady stream, sequential and concurrent, never receives a 429', async () => {
    const mock = await start();
    const client = clientFor(mock);
    const started = time.now();
    const tenants = [];
    for await (const tenant of client.tenants.all({ pageSize: 20 })) tenants.push(tenant); // 10 requests
    await Promise.all(tenants.slice(0, 12).map((tenant) => client.tenants.get(tenant.OID)));
    // 22 requests at 5 per second need at least four full windows.
    expect(time.now() - started).toBeGreaterThanOrEqual(4 * LIMIT.windowMs);
    const journal = await mock.journal();
    expect(journal).toHaveLength(22);
    expect(journal.filter((entry) => entry.status !== 200)).toEqual([]);
  });

  it('recovers from a 429 caused by another process on the same key, without ever reaching 403', async () => {
    // blockAfter 1: a second request sent while limited would block the key.
    const mock = await start(1);
    const events: ClientEvent[] = [];
    const client = clientFor(mock, events);
    const other = () =>
      fetch(`${mock.baseUrl}/v4/contacts/demo/company/branches/0/1`, { headers: { api_key: TEST_KEY } });
    for (let index = 0; index < LIMIT.requests; index++) expect((await other()).status).toBe(200);
    const started = time.now();
    const pages = [];
    for (let offset = 0; offset < 30; offset += 5) pages.push(await client.tenants.list({ offset, count: 5 }));
    expect(pages.flatMap((page) => page.Data)).toHaveLength(30);
    const limited = events.filter((event) => event.type === 'rate-limited');
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ retryAfterMs: 1000 });
    expect(time.now() - started).toBeGreaterThanOrEqual(1000); // it waited as told
    expect(await mock.journal({ status: '403' })).toEqual([]);
    expect(await mock.journal({ status: '429' })).toHaveLength(1);
  });

  it('waits 60 s when a 429 has no Retry-After (fake clock), and sends nothing meanwhile', async () => {
    let time = 0;
    const sent: number[] = [];
    const client = createContactsClient({
      baseUrl: 'http://agentos.invalid',
      apiKey: TEST_KEY,
      shortName: 'demo',
      now: () => time,
      sleep: async (ms) => {
        time += ms;
      },
      fetch: async () => {
        sent.push(time);
        return sent.length === 1
          ? new Response('{}', { status: 429 })
          : Response.json({ Count: 0, Data: [] }, { status: 200 });
      },
    });
    expect(await client.branches.list()).toEqual({ Count: 0, Data: [] });
    expect(sent).toEqual([0, 60_000]);
  });
});

describe('retries with backoff for 5xx and network errors', () => {
  let target: MockTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  /** A fetch that asks the mock for a 503 on the first `failures` requests only. */
  function failingFirst(failures: number): typeof fetch {
    let calls = 0;
    return (input, init) => {
      calls += 1;
      const headers = new Headers(init?.headers);
      if (calls <= failures) headers.set('prefer', 'code=503');
      return fetch(input, { ...init, headers });
    };
  }

  it.each([
    { failures: 0, retries: 3, outcome: 200, journal: [200] },
    { failures: 2, retries: 3, outcome: 200, journal: [503, 503, 200] },
    { failures: 3, retries: 3, outcome: 200, journal: [503, 503, 503, 200] },
    { failures: 4, retries: 3, outcome: 503, journal: [503, 503, 503, 503] },
    { failures: 1, retries: 0, outcome: 503, journal: [503] },
  ])('$failures failures with $retries retries ends in $outcome', async ({ failures, retries, outcome, journal }) => {
    target = await startMockTarget({ counts: { tenants: 10 } });
    const client = createContactsClient({
      baseUrl: target.baseUrl,
      apiKey: TEST_KEY,
      shortName: 'demo',
      retries,
      backoffMs: 5,
      fetch: failingFirst(failures),
    });
    const status = await client.tenants.list({ count: 3 }).then(
      () => 200,
      (error: { status?: number }) => error.status,
    );
    expect(status).toBe(outcome);
    expect((await target.journal()).map((entry) => entry.status)).toEqual(journal);
  });
});
