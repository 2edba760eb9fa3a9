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
}

export type ControlHandler = (context: ControlContext) => ControlResult;

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
  resetMock: ({ state }) => {
    state.reset();
    return { status: 200, body: { status: 'reset' } };
  },
  listProviderStates: () => ({ status: 200, body: describeProviderStates() }),
  setUpProviderState: ({ state, body }) => {
    const { state: name, params = {} } = body as { state: string; params?: StateParams };
    return { status: 200, body: { state: name, ids: setUpProviderState(state, name, params) } };
  },
  setPersonConsent: ({ state, params, query, body }) => {
    const { agency, person, roles } = personOf(state, params.personID as string, query.shortName);
    const consented = (body as { ThirdPartyMarketing: boolean }).ThirdPartyMarketing;
    state.overrides.set(agency.shortName, person, consented, state.clock.day());
    state.persist();
    return { status: 200, body: { PersonID: params.personID, ThirdPartyMarketing: consented, Roles: roles } };
  },
  clearPersonConsent: ({ state, params, query }) => {
    const { agency, person } = personOf(state, params.personID as string, query.shortName);
    if (state.overrides.delete(agency.shortName, person)) state.persist();
    return { status: 204 };
  },
  listJournal: ({ state, query }) => {
    const entries = state.journal.list({
      ...(query.method === undefined ? {} : { method: query.method }),
      ...(query.path === undefined ? {} : { pathContains: query.path }),
      ...(query.status === undefined ? {} : { status: Number(query.status) }),
      ...(query.key === undefined ? {} : { key: query.key }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.limit === undefined ? {} : { limit: Number(query.limit) }),
    });
    return { status: 200, body: { Count: entries.length, Data: entries } };
  },
  clearJournal: ({ state }) => {
    state.journal.clear();
    return { status: 204 };
  },
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
    state.clock.advance(milliseconds);
    return { status: 200, body: state.clock.describe() };
  },
};
