/**
 * The errors a partner must handle, matched by status. The body may be either style agentOS's
 * stand-in answers (`{"Message": "..."}` by default, problem+json with `--errors problem`), so
 * only "a JSON object" is expected of it; nothing relies on Retry-After (agentOS promises none).
 */
import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { HttpError, RateLimitError } from '../../../src/index.js';
import { BASE, errorHeaders, EXAMPLE_OIDS, INTEGRATOR, keyHeader } from '../shapes.js';
import { client, pact } from './pact.js';

const { fromProviderState, string } = MatchersV3;

/** Any JSON object: `{"Message"}` and problem+json both match (extra keys are allowed in responses). */
const anyErrorBody = {};

/** A fetch that drops the key: a partner's deployment whose secret did not arrive. */
const fetchWithoutKey: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete('api_key');
  return fetch(input, { ...init, headers });
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

export function describeErrors(): void {
  describe('errors a partner must handle', () => {
    it('401 without a key', async () => {
      await pact
        .addInteraction()
        .uponReceiving('a request for tenants without an API key')
        .withRequest('GET', `${BASE}/tenants/0/100`, (b) => b.query({ integrator: string(INTEGRATOR) }))
        .willRespondWith(401, (b) => b.headers(errorHeaders).jsonBody(anyErrorBody))
        .executeTest(async (server) => {
          const error = await failure(client(server.url, { fetch: fetchWithoutKey }).tenants.list());
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(401);
        });
    });

    it('400 for a count over 1000', async () => {
      await pact
        .addInteraction()
        .uponReceiving('a request for a page of 5000 tenants')
        .withRequest('GET', `${BASE}/tenants/0/5000`, (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(400, (b) => b.headers(errorHeaders).jsonBody(anyErrorBody))
        .executeTest(async (server) => {
          const error = await failure(client(server.url).tenants.list({ count: 5000 }));
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(400);
        });
    });

    it('404 for an unknown ID', async () => {
      await pact
        .addInteraction()
        .given('no record has the ID')
        .uponReceiving('a request for a tenant ID that no record has')
        .withRequest(
          'GET',
          fromProviderState(`${BASE}/tenants/\${tenantID}`, `${BASE}/tenants/${EXAMPLE_OIDS.unknown}`),
          (b) => b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(404, (b) => b.headers(errorHeaders).jsonBody(anyErrorBody))
        .executeTest(async (server) => {
          const error = await failure(client(server.url).tenants.get(EXAMPLE_OIDS.unknown));
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(404);
        });
    });

    it('429 over the rate limit (no Retry-After relied on)', async () => {
      await pact
        .addInteraction()
        .given('the API key has used up its rate limit')
        .uponReceiving('a request for tenants over the rate limit')
        .withRequest('GET', `${BASE}/tenants/0/100`, (b) =>
          b.headers(keyHeader).query({ integrator: string(INTEGRATOR) }),
        )
        .willRespondWith(429, (b) => b.headers(errorHeaders).jsonBody(anyErrorBody))
        .executeTest(async (server) => {
          // maxRateLimitWaits 0: surface the first 429 instead of waiting and trying again.
          const error = await failure(client(server.url, { maxRateLimitWaits: 0 }).tenants.list());
          expect(error).toBeInstanceOf(RateLimitError);
          expect((error as RateLimitError).status).toBe(429);
        });
    });
  });
}
