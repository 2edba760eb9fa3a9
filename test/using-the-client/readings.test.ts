import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createContactsClient,
  given,
  hasMarketingConsent,
  HttpError,
  isGiven,
  personalFieldsPresent,
  RateLimitError,
  withoutNulls,
  type ClientEvent,
  type ContactsClientOptions,
} from '../../src/index.js';
import { startStubServer, type StubAnswer, type StubServer } from '../support/stub-server.js';

// The readings of agentOS that its public material leaves open, each served by a stub so the
// client is shown to handle it whether or not the mock serves it yet.
const ROLE = { ContactType: 'Tenant', OID: '0004-f421-2742-3f00', BranchID: '0004-0000-1111-2222' };
const WITHHELD_NULL = {
  OID: '0004-f421-2742-3f01',
  PersonID: '0004-f421-2742-3f02',
  ThirdPartyMarketingConsent: false,
  Forename: null,
  Surname: null,
  EmailAddress: null,
  WorkPhone: null,
  ConsentDetails: null,
};
const WITHHELD_ABSENT = {
  OID: '0004-f421-2742-3f01',
  PersonID: '0004-f421-2742-3f02',
  ThirdPartyMarketingConsent: false,
};

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function clientAnswering(answer: (url: string) => StubAnswer, options: Partial<ContactsClientOptions> = {}) {
  stub = await startStubServer((request) => answer(request.url ?? ''));
  return createContactsClient({ baseUrl: stub.baseUrl, apiKey: 'stub-key', shortName: 'demo', ...options });
}

describe('personcontacts: a bare array (agentOS) or a { Count, Data } envelope, the same roles', () => {
  it.each([
    { reading: 'array', body: [ROLE] },
    { reading: 'envelope', body: { Count: 1, Data: [ROLE] } },
  ])('$reading', async ({ body }) => {
    const client = await clientAnswering(() => ({ status: 200, body }));
    expect(await client.people.contacts('0004-f421-2742-3f02')).toEqual([ROLE]);
  });

  it('anything else is an ApiError naming the request, not a crash later', async () => {
    const client = await clientAnswering(() => ({ status: 200, body: { Roles: [ROLE] } }));
    await expect(client.people.contacts('p1')).rejects.toThrow(
      /^GET \/v4\/contacts\/demo\/person\/p1\/personcontacts: expected a JSON array or a \{ Count, Data \} envelope$/,
    );
  });
});

describe('empty values: null (Json.NET) and absent read alike', () => {
  it.each([
    { reading: 'null', record: WITHHELD_NULL },
    { reading: 'absent', record: WITHHELD_ABSENT },
  ])('a withheld record ($reading) holds no personal value and no consent details', async ({ record }) => {
    const client = await clientAnswering(() => ({ status: 200, body: { Count: 1, Data: [record] } }));
    const [tenant] = (await client.tenants.list()).Data;
    if (!tenant) throw new Error('no record');
    expect(hasMarketingConsent(tenant)).toBe(false);
    expect(personalFieldsPresent(tenant)).toEqual([]);
    expect(isGiven((tenant as Record<string, unknown>).ConsentDetails)).toBe(false);
    expect(withoutNulls(tenant)).toEqual(WITHHELD_ABSENT);
  });

  it('given() and isGiven() treat null as absent and keep every other value, falsy ones included', () => {
    expect([null, undefined, '', 0, false, 'x'].map((value) => given(value))).toEqual([
      undefined,
      undefined,
      '',
      0,
      false,
      'x',
    ]);
    expect([null, undefined, '', 0].map((value) => isGiven(value))).toEqual([false, false, true, true]);
    const phone = 'x' as string | null | undefined;
    if (isGiven(phone)) expectTypeOf(phone).toEqualTypeOf<string>();
    expectTypeOf(withoutNulls({ a: 'x' as string | null })).toEqualTypeOf<{ a: string }>();
  });

  it('personalFieldsPresent counts a personal field only when it holds a value', () => {
    expect(personalFieldsPresent({ Forename: 'Ann', Surname: null, Title: undefined })).toEqual(['Forename']);
  });
});

describe('error bodies: ASP.NET {"Message"} or RFC 9457 problem+json, the status decides', () => {
  const problem = {
    type: 'urn:agentos-contacts-kit:problem:not-found',
    title: 'Not Found',
    status: 404,
    detail: 'No tenant x.',
  };
  it.each([
    { reading: 'agentos', headers: {}, body: { Message: 'No tenant x.' }, says: 'No tenant x.', isProblem: false },
    {
      reading: 'problem',
      headers: { 'content-type': 'application/problem+json' },
      body: problem,
      says: 'Not Found: No tenant x.',
      isProblem: true,
    },
    {
      reading: 'HTML from a load balancer',
      headers: {},
      body: '<html>Not here</html>',
      says: undefined,
      isProblem: false,
    },
    { reading: 'empty', headers: {}, body: '', says: undefined, isProblem: false },
  ])('$reading', async ({ headers, body, says, isProblem }) => {
    const client = await clientAnswering(() => ({ status: 404, headers: headers as Record<string, string>, body }), {
      retries: 0,
    });
    const error = await client.tenants.get('x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect(http.status).toBe(404);
    expect(http.serverMessage).toBe(says);
    expect(http.problem !== undefined).toBe(isProblem);
    expect(http.message).toBe(`GET /v4/contacts/demo/tenants/x: 404${says ? ` ${says}` : ''}`);
  });
});

describe('429 without Retry-After: wait the fallback (60 s by default, as agentOS advises)', () => {
  /** 429 on the first request only, with the given headers. */
  const limitedOnce = (headers: Record<string, string>) => {
    let calls = 0;
    return (): StubAnswer =>
      ++calls === 1 ? { status: 429, headers, body: { Message: 'Too many requests.' } } : { status: 200, body: [] };
  };

  it.each([
    { reading: 'omit', headers: {}, waited: 60_000 },
    { reading: 'send', headers: { 'retry-after': '7' }, waited: 7_000 },
  ])('Retry-After $reading: pauses $waited ms, then succeeds', async ({ headers, waited }) => {
    const slept: number[] = [];
    const events: ClientEvent[] = [];
    let time = 0;
    const client = await clientAnswering(limitedOnce(headers as Record<string, string>), {
      // A fake clock: the test measures the asked-for wait instead of spending it.
      now: () => time,
      sleep: async (ms) => {
        slept.push(ms);
        time += ms;
      },
      onEvent: (event) => events.push(event),
    });
    expect(await client.people.contacts('p')).toEqual([]);
    expect(events.filter((event) => event.type === 'rate-limited')).toMatchObject([{ retryAfterMs: waited }]);
    expect(Math.max(...slept)).toBe(waited);
    expect(stub?.requests).toHaveLength(2);
  });

  it('the fallback is an option, so tests need not wait a minute', async () => {
    const client = await clientAnswering(limitedOnce({}), { defaultRetryAfterMs: 20, maxRateLimitWaits: 1 });
    const started = performance.now();
    expect(await client.people.contacts('p')).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('429 after 429 ends in a RateLimitError that says how long it waited', async () => {
    const client = await clientAnswering(() => ({ status: 429, body: '' }), {
      defaultRetryAfterMs: 1,
      maxRateLimitWaits: 2,
    });
    const error = await client.people.contacts('p').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1);
    expect(stub?.requests).toHaveLength(3);
  });
});

describe('503: bounded retries with backoff', () => {
  it.each([
    { failures: 2, retries: 3, status: 200, requests: 3 },
    { failures: 9, retries: 3, status: 503, requests: 4 },
  ])('$failures failures, $retries retries: $status after $requests requests', async (row) => {
    let calls = 0;
    const slept: number[] = [];
    const client = await clientAnswering(
      () => (++calls <= row.failures ? { status: 503, body: { Message: 'Busy.' } } : { status: 200, body: [] }),
      { retries: row.retries, backoffMs: 100, maxBackoffMs: 400, sleep: async (ms) => void slept.push(ms) },
    );
    const status = await client.people.contacts('p').then(
      () => 200,
      (error: HttpError) => error.status,
    );
    expect(status).toBe(row.status);
    expect(stub?.requests).toHaveLength(row.requests);
    // Full jitter: each wait is within its doubled (and capped) backoff.
    slept.forEach((ms, index) => expect(ms).toBeLessThanOrEqual(Math.min(400, 100 * 2 ** index)));
    expect(slept).toHaveLength(row.requests - 1);
  });
});
