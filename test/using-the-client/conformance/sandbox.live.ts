import { describe, it } from 'vitest';
import { AGENTOS_RATE_LIMIT } from '../../../src/index.js';
import { conformanceSuite } from './conformance-suite.js';

// `npm run test:live`: the same invariants against the live sandbox, read only, and within
// agentOS's 50 requests a minute (the client's limiter paces the whole suite).
const { AGENTOS_BASE_URL: baseUrl, AGENTOS_API_KEY: apiKey, AGENTOS_SHORTNAME: shortName } = process.env;

if (baseUrl && apiKey && shortName) {
  conformanceSuite({
    name: `live sandbox ${baseUrl} (${shortName})`,
    writable: false,
    pageSize: 10,
    // agentOS documents no error body; a load balancer's 429/403 may not even be JSON.
    explainsErrors: false,
    start: async () => ({
      options: {
        baseUrl,
        apiKey,
        shortName,
        integrator: process.env.AGENTOS_INTEGRATOR,
        rateLimit: AGENTOS_RATE_LIMIT,
      },
      stop: async () => undefined,
    }),
  });
} else {
  const message =
    'live conformance SKIPPED: set AGENTOS_BASE_URL, AGENTOS_API_KEY and AGENTOS_SHORTNAME to run it against a sandbox';
  console.log(message);
  describe('live sandbox', () => {
    it.skip(message, () => undefined);
  });
}
