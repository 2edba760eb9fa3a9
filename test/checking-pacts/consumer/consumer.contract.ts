/**
 * Consumer tests: the reference client, driven as a partner's code would drive it, against Pact's
 * mock. Every one of the 15 routes (routes.ts), plus the errors a partner must handle (errors.ts).
 * Writes contracts/pacts/agentos-contacts-client-agentos-v4-contacts.json (committed).
 *
 * One test file on purpose: both halves write the same pact file, which is removed once per run.
 */
import { rmSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import { CONSUMER, PROVIDER } from '../shapes.js';
import { describeErrors } from './errors.js';
import { PACT_FILE } from './pact.js';
import { describeRoutes } from './routes.js';

describe(`${CONSUMER} -> ${PROVIDER}`, () => {
  beforeAll(() => {
    // Regenerated from scratch each run, so a renamed interaction cannot linger in the file.
    rmSync(PACT_FILE, { force: true });
  });

  describeRoutes();
  describeErrors();
});
