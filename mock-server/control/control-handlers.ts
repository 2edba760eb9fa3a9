import { CONTACT_TYPES } from '../../fixtures/contact-types.js';
import { parseIsoDuration } from '../options/durations.js';
import type { MockState } from '../state/mock-state.js';
import { invalidRequest, ProblemError } from '../pipeline/problems.js';
import { describeProviderStates, setUpProviderState, type StateParams } from './provider-states.js';

export interface ControlContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly state: MockState;
}

export interface ControlResult {
  readonly status: number;
  readonly body?: unknown;
  /** A JSON body written piece by piece (the journal): never one string of its whole size. */
  readonly chunks?: Iterable<string>;
}

/** `{"Count":n,"Data":[...]}` as pieces of about 64 KB, each entry serialised on its own. */
function* countedDataChunks(items: readonly unknown[]): Generator<string> {
  let piece = `{"Count":${items.length},"Data":[`;
  for (const [index, item] of items.entries()) {
    piece += (index === 0 ? '' : ',') + JSON.stringify(item);
    if (piece.length >= 65_536) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]}`;
}

/** Synchronous on the memory store; a shared store's reads and writes are awaited. */
export type ControlHandler = (context: ControlContext) => ControlResult | Promise<ControlResult>;

/** Runs `then` once a commit (synchronous or not) is saved. */
function after(saved: void | Promise<void>, then: () => ControlResult): ControlResult | Promise<ControlResult> {
  return saved instanceof Promise ? saved.then(then) : then();
}

function agencyOf(state: MockState, shortName: string | undefined) {
  const name = shortName ?? (state.options.shortNames[0] as string);
  const agency = state.agencies.get(name);
  if (!agency) throw new ProblemError('unknown-agency', `No agency has the short name "${name}".`);
  return agency;
}

function personOf(state: MockState, personId: string, shortName: string | undefined) {
  const agency = agencyOf(state, shortName);
  const decoded = agency.data.resolve(personId);
  const roles = decoded?.kind === 'person' ? agency.data.personRoles(decoded.index) : undefined;
  if (!decoded || !roles)
    throw new ProblemError('not-found', `No person of agency ${agency.shortName} has the ID ${personId}.`);
  return { agency, person: decoded.index, roles };
}

/** One handler per operationId of contracts/mock-control.openapi.yaml. */
export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler>> = {
  resetMock: ({ state }) => after(state.reset(), () => ({ status: 200, body: { status: 'reset' } })),
  listProviderStates: () => ({ status: 200, body: describeProviderStates() }),
  setUpProviderState: async ({ state, body }) => {
    const { state: name, params = {} } = body as { state: string; params?: StateParams };
    return { status: 200, body: { state: name, ids: await setUpProviderState(state, name, params) } };
  },
  setPersonConsent: ({ state, params, query, body }) => {
    const { agency, roles } = personOf(state, params.personID as string, query.shortName);
    const consented = (body as { ThirdPartyMarketing: boolean }).ThirdPartyMarketing;
    const personId = params.personID as string;
    const saved = state.store.commit([
      { kind: 'consent-set', agency: agency.shortName, personId, consented, day: state.clock.day() },
    ]);
    return after(saved, () => ({
      status: 200,
      body: { PersonID: personId, ThirdPartyMarketing: consented, Roles: roles },
    }));
  },
  clearPersonConsent: ({ state, params, query }) => {
    const { agency } = personOf(state, params.personID as string, query.shortName);
    const personId = params.personID as string;
    if (!state.store.live.consentOverride(agency.shortName, personId)) return { status: 204 };
    return after(state.store.commit([{ kind: 'consent-cleared', agency: agency.shortName, personId }]), () => ({
      status: 204,
    }));
  },
  listJournal: async ({ state, query }) => {
    const entries = await state.store.journal(
      {
        ...(query.method === undefined ? {} : { method: query.method }),
        ...(query.path === undefined ? {} : { pathContains: query.path }),
        ...(query.status === undefined ? {} : { status: Number(query.status) }),
        ...(query.key === undefined ? {} : { key: query.key }),
        ...(query.since === undefined ? {} : { since: query.since }),
        ...(query.limit === undefined ? {} : { limit: Number(query.limit) }),
      },
      state.options.adminToken === undefined ? 'tag' : 'masked',
    );
    // Without the token nobody is told any part of a key; a caller holding it sees the prefix.
    return { status: 200, chunks: countedDataChunks(entries) };
  },
  clearJournal: ({ state }) => after(state.store.commit([{ kind: 'journal-cleared' }]), () => ({ status: 204 })),
  listCustomFieldCatalogue: ({ state, query }) => {
    const agency = agencyOf(state, query.shortName);
    const fields = agency.data.customFields().map((field) => ({
      ID: agency.data.oid('customField', field.position),
      FieldName: field.FieldName,
      TabName: field.TabName,
      GroupName: field.GroupName,
      DataType: field.DataType,
      Options: field.Options,
      PersonalData: field.PersonalData,
      AppliesTo: field.AppliesTo.map((kind) => (kind === 'branch' ? 'Branch' : CONTACT_TYPES[kind].name)),
    }));
    return { status: 200, body: { CustomFields: fields } };
  },
  getClock: ({ state }) => ({ status: 200, body: state.clock.describe() }),
  advanceClock: ({ state, body }) => {
    const text = (body as { advance: string }).advance;
    const milliseconds = parseIsoDuration(text);
    if (milliseconds === undefined) {
      throw invalidRequest([
        {
          name: 'advance',
          in: 'body',
          reason: `"${text}" is not an ISO 8601 duration in days and time (P1D, PT60S, P2DT3H)`,
        },
      ]);
    }
    const tooFar = state.clock.advanceProblem(milliseconds);
    if (tooFar) throw invalidRequest([{ name: 'advance', in: 'body', reason: `"${text}" ${tooFar}` }]);
    return after(state.store.commit([{ kind: 'clock-advanced', milliseconds }]), () => ({
      status: 200,
      body: state.clock.describe(),
    }));
  },
};
