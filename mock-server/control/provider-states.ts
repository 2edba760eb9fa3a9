import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import type { CatalogueField, CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';
import { MAX_OID_INDEX } from '../../fixtures/random/opaque-id.js';
import type { Agency } from '../state/agency.js';
import { findCustomField, findCustomFieldObject, isWithheld } from '../operations/custom-field-object.js';
import { customFieldValueProblem } from '../operations/custom-field-value-check.js';
import type { MockState } from '../state/mock-state.js';
import { invalidRequest, ProblemError } from '../pipeline/problems.js';

export type StateParams = Readonly<Record<string, unknown>>;

interface ProviderState {
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  setUp(
    state: MockState,
    agency: Agency,
    params: StateParams,
  ): Record<string, unknown> | Promise<Record<string, unknown>>;
}

const STATE_NAMES: Readonly<Record<ContactTypeKey, string>> = {
  tenants: 'a tenant exists',
  landlords: 'a landlord exists',
  lettingsApplicants: 'a lettings applicant exists',
  salesApplicants: 'a sales applicant exists',
  vendors: 'a vendor exists',
};

/** How far a state looks for a record that already has the wanted consent before making one. */
const SEARCH_LIMIT = 10_000;

function optionalBoolean(params: StateParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw invalidRequest([{ name: `params.${name}`, in: 'body', reason: 'must be true or false' }]);
  return value;
}

function optionalString(params: StateParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest([{ name: `params.${name}`, in: 'body', reason: 'must be a string' }]);
  return value;
}

/** A record of `type` (in a branch, with a consent) that exists now, overriding consent if none has it. */
function contactState(type: ContactTypeKey): ProviderState {
  return {
    description: `A ${CONTACT_TYPES[type].name}; with params.consent it has (or lacks) Third Party Marketing consent.`,
    params: { consent: 'boolean (optional)', branchID: 'branch OID (optional)', shortName: 'agency (optional)' },
    async setUp(state, agency, params) {
      const consent = optionalBoolean(params, 'consent');
      const branchId = optionalString(params, 'branchID');
      let start = 0;
      let end = agency.data.count(type);
      if (branchId !== undefined) {
        const decoded = agency.data.resolve(branchId);
        if (decoded?.kind !== 'branch') {
          throw invalidRequest([{ name: 'params.branchID', in: 'body', reason: `no branch has the ID ${branchId}` }]);
        }
        ({ start, end } = agency.data.layout.rangeOf(type, decoded.index));
      }
      if (start >= end)
        throw invalidRequest([{ name: 'params', in: 'body', reason: `the data set has no ${type} there` }]);
      let index = start;
      if (consent !== undefined) {
        const limit = Math.min(end, start + SEARCH_LIMIT);
        while (index < limit && agency.isConsented(type, index) !== consent) index++;
        if (index === limit) {
          index = start;
          const personId = agency.data.oid('person', agency.data.links.personOf(type, index));
          await state.store.commit([
            { kind: 'consent-set', agency: agency.shortName, personId, consented: consent, day: state.clock.day() },
          ]);
        }
      }
      const person = agency.data.links.personOf(type, index);
      return {
        [CONTACT_TYPES[type].idParameter]: agency.data.oid(type, index),
        personID: agency.data.oid('person', person),
        branchID: agency.data.branchId(agency.data.layout.branchOf(type, index)),
      };
    },
  };
}

/** A value that fits a definition, for states that do not name one. */
function sampleValue(field: CatalogueField): CustomFieldScalar {
  const samples: Record<CatalogueField['DataType'], CustomFieldScalar> = {
    Text: 'set by provider state',
    Number: 1,
    Date: '2026-01-01T00:00:00',
    Boolean: true,
    List: field.Options?.[0] ?? '',
  };
  return samples[field.DataType];
}

const STATES: Readonly<Record<string, ProviderState>> = {
  'a branch exists': {
    description: 'The first branch of the agency.',
    params: { shortName: 'agency (optional)' },
    setUp: (_state, agency) => ({ branchID: agency.data.branchId(0) }),
  },
  ...Object.fromEntries(CONTACT_TYPE_KEYS.map((type) => [STATE_NAMES[type], contactState(type)])),
  'a person with several roles exists': {
    description: 'A person who holds two or more contact roles (needs --multi-role-share above 0).',
    params: { shortName: 'agency (optional)' },
    setUp(_state, agency) {
      const links = agency.data.links;
      for (let person = links.personCount - links.linkedPeople; person < links.personCount; person++) {
        const roles = agency.data.personRoles(person);
        if (roles && roles.length > 1) return { personID: agency.data.oid('person', person), roles };
      }
      throw invalidRequest([
        {
          name: 'state',
          in: 'body',
          reason: 'no person holds several roles; start the mock with --multi-role-share above 0',
        },
      ]);
    },
  },
  'a custom field value is set': {
    description: 'A custom field with a stored value; defaults to the first tenant and its first field.',
    params: {
      objectID: 'contact or branch OID (optional)',
      fieldID: 'field ID (optional)',
      value: 'value (optional)',
      shortName: 'agency (optional)',
    },
    async setUp(state, agency, params) {
      const objectId = optionalString(params, 'objectID') ?? agency.data.oid('tenants', 0);
      const object = findCustomFieldObject(agency, objectId);
      if (!object)
        throw invalidRequest([
          { name: 'params.objectID', in: 'body', reason: `${objectId} is not a contact or branch of the agency` },
        ]);
      const fields = agency.data.customFieldsOf(object.kind);
      const fieldId =
        optionalString(params, 'fieldID') ?? agency.data.oid('customField', (fields[0] as CatalogueField).position);
      const field = findCustomField(agency, object, fieldId);
      if (!field)
        throw invalidRequest([
          { name: 'params.fieldID', in: 'body', reason: `${objectId} has no custom field ${fieldId}` },
        ]);
      // A state must not put a person's data where they have not consented to share it.
      if (isWithheld(agency, object, field))
        throw invalidRequest([
          {
            name: 'params.fieldID',
            in: 'body',
            reason: `${field.FieldName} holds personal data and the person of ${objectId} has not consented`,
          },
        ]);
      const value = (params.value ?? sampleValue(field)) as CustomFieldScalar;
      const problem = customFieldValueProblem(field, value);
      if (problem) throw invalidRequest([{ name: 'params.value', in: 'body', reason: problem }]);
      await state.store.commit([{ kind: 'custom-field-value', agency: agency.shortName, objectId, fieldId, value }]);
      return { objectID: objectId, fieldID: fieldId, value };
    },
  },
  'no record has the ID': {
    description: 'IDs that no record, person or object of the agency has (for 404 interactions).',
    params: { shortName: 'agency (optional)' },
    setUp(_state, agency) {
      // Well-formed OIDs of this agency's codec, past the end of each kind: they name nothing.
      const unknown = (type: ContactTypeKey): string =>
        agency.data.ids.encode(type, Math.min(MAX_OID_INDEX, agency.data.count(type)));
      return {
        ...Object.fromEntries(CONTACT_TYPE_KEYS.map((type) => [CONTACT_TYPES[type].idParameter, unknown(type)])),
        personID: agency.data.ids.encode('person', Math.min(MAX_OID_INDEX, agency.data.links.personCount)),
        objectID: unknown('tenants'),
      };
    },
  },
};

export function describeProviderStates(): {
  state: string;
  description: string;
  params: Readonly<Record<string, string>>;
}[] {
  return Object.entries(STATES).map(([state, definition]) => ({
    state,
    description: definition.description,
    params: definition.params,
  }));
}

/** Sets up a named state and returns the IDs, or a 400 listing the states it knows. */
export async function setUpProviderState(
  state: MockState,
  name: string,
  params: StateParams,
): Promise<Record<string, unknown>> {
  // Own names only: a plain-object lookup would find toString, constructor or __proto__.
  const definition = Object.hasOwn(STATES, name) ? STATES[name] : undefined;
  if (!definition) {
    throw new ProblemError(
      'unknown-state',
      `Unknown provider state "${name}". Known: ${Object.keys(STATES).join('; ')}.`,
      [{ name: 'state', in: 'body', reason: `must be one of: ${Object.keys(STATES).join('; ')}` }],
    );
  }
  const shortName = optionalString(params, 'shortName') ?? state.options.shortNames[0];
  const agency = state.agencies.get(shortName as string);
  if (!agency) throw new ProblemError('unknown-agency', `No agency has the short name "${String(shortName)}".`);
  return await definition.setUp(state, agency, params);
}
