import { describe, expect, it } from 'vitest';
import { ADVERSARY_MARK, startMockHost } from '../../tools/check-client/mock-host.js';

const KEY = 'host-key';

async function statuses(url: string, paths: string[]): Promise<Array<[number, string | null]>> {
  const answers: Array<[number, string | null]> = [];
  for (const path of paths) {
    const response = await fetch(`${url}${path}`, { headers: { api_key: KEY } });
    await response.arrayBuffer();
    answers.push([response.status, response.headers.get('retry-after')]);
  }
  return answers;
}

describe("check-client's mock host", () => {
  it.each([
    { strip: false, retryAfter: 'a Retry-After' },
    { strip: true, retryAfter: 'no Retry-After' },
  ])('with stripRetryAfter $strip, a 429 carries $retryAfter', async ({ strip }) => {
    const host = await startMockHost(
      { quiet: true, port: 0, rateLimit: { requests: 1, windowMs: 60_000 }, apiKeys: [KEY], retryAfter: 'send' },
      { stripRetryAfter: strip, fail503Every: 0 },
    );
    try {
      const [first, second] = await statuses(host.url, [
        '/v4/contacts/demo/tenants/0/1',
        '/v4/contacts/demo/tenants/0/1',
      ]);
      expect(first?.[0]).toBe(200);
      expect(second?.[0]).toBe(429);
      // The mock sends one here (--retry-after send); the host takes it away.
      if (strip) expect(second?.[1]).toBeNull();
      else expect(second?.[1]).toMatch(/^\d+$/);
      expect(host.answered()).toBe(2);
    } finally {
      await host.stop();
    }
  });

  it("answers 503 to every n-th of the command's requests through the mock's own pipeline, never the other client's", async () => {
    const host = await startMockHost(
      { quiet: true, port: 0, apiKeys: [KEY] },
      { stripRetryAfter: false, fail503Every: 3 },
    );
    try {
      const page = '/v4/contacts/demo/tenants/0/1';
      const answers = await statuses(host.url, [page, `${page}?${ADVERSARY_MARK}=1`, page, page, page, page, page]);
      expect(answers.map(([status]) => status)).toEqual([200, 200, 200, 503, 200, 200, 503]);
      expect(host.commandRequests()).toBe(6);
      const journal = await host.mock.state.store.journal({});
      expect(journal.map((entry) => entry.status)).toEqual([200, 200, 200, 503, 200, 200, 503]);
      expect(host.answered()).toBe(journal.length);
    } finally {
      await host.stop();
    }
  });
});
