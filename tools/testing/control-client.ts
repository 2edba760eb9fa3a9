import type { components, paths } from './generated/mock-control.js';
import { matchesRequest, type RequestMatcher } from './journal-match.js';
import { verifyJournal, type Verification } from './verify.js';

export type JournalEntry = components['schemas']['JournalEntry'];
export type Clock = components['schemas']['Clock'];
export type PersonConsent = components['schemas']['PersonConsent'];
export type ProviderStateDescription = components['schemas']['ProviderStateDescription'];
/** What `GET /__mock/requests` filters on server-side; see contracts/mock-control.openapi.yaml. */
export type JournalQuery = NonNullable<paths['/__mock/requests']['get']['parameters']['query']>;
/** A request matcher plus the journal's own filters (the full `key`, `since`, and `limit` newest). */
export type JournalMatcher = RequestMatcher & Omit<JournalQuery, 'method' | 'path' | 'status'>;
/** The IDs a provider state set up, named as the state names them (e.g. `personID`). */
export type ProviderStateIds = Readonly<Record<string, string>>;

// Request bodies as the contract declares them, so a contract change that renames one fails to compile.
type JsonBody<Operation> = Operation extends { requestBody: { content: { 'application/json': infer Body } } }
  ? Body
  : never;
type StateBody = JsonBody<paths['/__mock/states']['post']>;
type ConsentBody = JsonBody<paths['/__mock/people/{personID}/consent']['put']>;
type ClockBody = JsonBody<paths['/__mock/clock']['post']>;

export interface ControlClientOptions {
  /** The mock's `--admin-token`, sent as a bearer token. */
  readonly adminToken?: string;
  /** The agency the consent calls address; the mock's first one when unset. */
  readonly shortName?: string;
  readonly fetch?: typeof fetch;
}

/** A control call that did not answer 2xx. Branch on `status`; the body is the mock's, kept as text. */
export class ControlApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'ControlApiError';
  }
}

export interface ControlClient {
  readonly baseUrl: string;
  /** Sets up a provider state and answers the IDs it set up. */
  givenState<Ids extends object = ProviderStateIds>(name: string, params?: Record<string, unknown>): Promise<Ids>;
  /** The provider states the mock knows. */
  states(): Promise<ProviderStateDescription[]>;
  /** Grants (true) or withdraws (false) a person's consent on every role, from the next request on. */
  setConsent(personID: string, granted: boolean): Promise<PersonConsent>;
  /** Drops the override: the person's seeded consent applies again. */
  clearConsent(personID: string): Promise<void>;
  /** Moves the simulated clock: an ISO 8601 duration (`P1D`, `PT60S`) or milliseconds. */
  advanceClock(duration: string | number): Promise<Clock>;
  clock(): Promise<Clock>;
  /** Journal entries (oldest first) that match: method, path (exact string or RegExp), query, status. */
  requests(matcher?: JournalMatcher): Promise<JournalEntry[]>;
  /** Throws a VerificationError, with the closest requests that did come, unless the count fits. */
  verify(verification: Verification): Promise<JournalEntry[]>;
  clearRequests(): Promise<void>;
  /** Back to a fresh start: values, consent overrides, journal, limits and clock. */
  reset(): Promise<void>;
}

function isoDuration(duration: string | number): string {
  if (typeof duration === 'string') return duration;
  if (!Number.isFinite(duration) || duration < 0) throw new RangeError(`cannot advance the clock by ${duration} ms`);
  return `PT${duration / 1000}S`;
}

/** A typed client of the mock's control API (contracts/mock-control.openapi.yaml), in-process or in a container. */
export function createControlClient(baseUrl: string, options: ControlClientOptions = {}): ControlClient {
  const root = baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? globalThis.fetch;
  const agency = options.shortName === undefined ? '' : `?shortName=${encodeURIComponent(options.shortName)}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.adminToken !== undefined) headers.authorization = `Bearer ${options.adminToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await send(`${root}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new ControlApiError(method, path, response.status, text);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  const person = (personID: string): string => `/__mock/people/${encodeURIComponent(personID)}/consent${agency}`;

  async function journal(query: JournalQuery = {}): Promise<JournalEntry[]> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
    const suffix = search.size > 0 ? `?${search}` : '';
    type Answer = paths['/__mock/requests']['get']['responses']['200']['content']['application/json'];
    return (await call<Answer>('GET', `/__mock/requests${suffix}`)).Data;
  }

  const client: ControlClient = {
    baseUrl: root,
    async givenState<Ids extends object = ProviderStateIds>(name: string, params: Record<string, unknown> = {}) {
      const body: StateBody = { state: name, params };
      const answer = await call<{ ids: Ids }>('POST', '/__mock/states', body);
      return answer.ids;
    },
    states: () => call<ProviderStateDescription[]>('GET', '/__mock/states'),
    setConsent: (personID, granted) => {
      const body: ConsentBody = { ThirdPartyMarketing: granted };
      return call<PersonConsent>('PUT', person(personID), body);
    },
    clearConsent: async (personID) => {
      await call<undefined>('DELETE', person(personID));
    },
    advanceClock: (duration) => {
      const body: ClockBody = { advance: isoDuration(duration) };
      return call<Clock>('POST', '/__mock/clock', body);
    },
    clock: () => call<Clock>('GET', '/__mock/clock'),
    async requests(matcher = {}) {
      const { method, status, key, since, limit, path } = matcher;
      // The server filters what it can (method, status, key, time); exact paths, patterns, the
      // query and `limit` (which must count matches, not candidates) are applied here.
      const entries = await journal({ method, status, key, since, ...(typeof path === 'string' ? { path } : {}) });
      const matching = entries.filter((entry) => matchesRequest(entry, matcher));
      return limit === undefined ? matching : matching.slice(Math.max(0, matching.length - limit));
    },
    async verify(verification) {
      return verifyJournal(verification, await journal());
    },
    clearRequests: async () => {
      await call<undefined>('DELETE', '/__mock/requests');
    },
    reset: async () => {
      await call<unknown>('POST', '/__mock/reset');
    },
  };
  return client;
}
