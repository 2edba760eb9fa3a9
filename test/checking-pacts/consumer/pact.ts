/** The Pact instance and the reference client the consumer tests share. */
import { PactV4 } from '@pact-foundation/pact';
import { createContactsClient } from '../../../src/index.js';
import { CONSUMER, EXAMPLE_KEY, INTEGRATOR, PROVIDER, SHORT_NAME } from '../shapes.js';

export const PACT_DIR = 'contracts/pacts';
export const PACT_FILE = `${PACT_DIR}/${CONSUMER}-${PROVIDER}.json`;

export const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });

export function client(url: string, extra: { fetch?: typeof fetch; maxRateLimitWaits?: number } = {}) {
  return createContactsClient({
    baseUrl: url,
    apiKey: EXAMPLE_KEY,
    shortName: SHORT_NAME,
    integrator: INTEGRATOR,
    rateLimit: { requests: 1000, windowMs: 1000 },
    retries: 0,
    ...extra,
  });
}
