import { describe, expect, it } from 'vitest';
import { createContactsClient } from '../../src/create-contacts-client.js';

describe('retry backoff', () => {
  it('each retry waits half to all of its doubled backoff, capped, so no retry comes at once', async () => {
    const waits: number[] = [];
    const client = createContactsClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'k',
      shortName: 'demo',
      retries: 4,
      backoffMs: 200,
      maxBackoffMs: 1000,
      rateLimit: { requests: 1_000_000, windowMs: 1000 },
      fetch: async () => new Response('{}', { status: 503 }),
      // The limiter never waits here (far below its limit): every sleep is a backoff.
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    for (let run = 0; run < 20; run++) {
      waits.length = 0;
      await expect(client.branches.list()).rejects.toMatchObject({ status: 503 });
      expect(waits).toHaveLength(4);
      [200, 400, 800, 1000].forEach((ceiling, index) => {
        expect(waits[index]).toBeGreaterThanOrEqual(ceiling / 2);
        expect(waits[index]).toBeLessThanOrEqual(ceiling);
      });
    }
  });
});
