import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, oid, recordPath, type ContactRoute } from '../support/contact-routes.js';
import type { CatalogueField, Contact, CustomFieldValue } from '../support/contract-types.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

interface StateDescription {
  state: string;
  description: string;
  params: Record<string, string>;
}

type Ids = Record<string, unknown>;

const CONTACT_STATES = [
  { state: 'a tenant exists', id: 'tenantID', route: CONTACT_ROUTES[0] as ContactRoute },
  { state: 'a landlord exists', id: 'landlordID', route: CONTACT_ROUTES[1] as ContactRoute },
  { state: 'a lettings applicant exists', id: 'lettingsApplicantID', route: CONTACT_ROUTES[2] as ContactRoute },
  { state: 'a sales applicant exists', id: 'salesApplicantID', route: CONTACT_ROUTES[3] as ContactRoute },
  { state: 'a vendor exists', id: 'vendorID', route: CONTACT_ROUTES[4] as ContactRoute },
] as const;

let mock: BehaviourClient;
let known: StateDescription[];
beforeAll(async () => {
  mock = await startBehaviourMock({ clockFrozen: true });
  const response = await mock.control<StateDescription[]>('get', '/__mock/states');
  expect(response.status).toBe(200);
  known = response.body;
});
afterAll(() => mock.close());
beforeEach(() => mock.mock.reset());

async function setUp(state: string, params?: Ids): Promise<Ids> {
  const response = await mock.control<{ state: string; ids: Ids }>('post', '/__mock/states', {
    state,
    ...(params === undefined ? {} : { params }),
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.state).toBe(state);
  return response.body.ids;
}

describe('GET /__mock/states', () => {
  it('lists every state with a description and its params', () => {
    expect(known.map((entry) => entry.state)).toEqual(
      expect.arrayContaining([
        'a branch exists',
        ...CONTACT_STATES.map((entry) => entry.state),
        'a person with several roles exists',
        'a custom field value is set',
        'no record has the ID',
      ]),
    );
    for (const entry of known) expect(entry.description.length).toBeGreaterThan(0);
  });

  it('every listed state can be set up without params, and answers with IDs', async () => {
    for (const { state } of known) {
      const ids = await setUp(state);
      expect(Object.keys(ids).length, state).toBeGreaterThan(0);
    }
  });
});

describe.each(CONTACT_STATES)('$state', ({ state, id, route }) => {
  it.each([true, false])('with consent %s: the record it names has that consent', async (consent) => {
    const ids = await setUp(state, { consent });
    const record = await mock.get<Contact>(recordPath(route, ids[id] as string));
    expect(record.status).toBe(200);
    expect(record.body.ThirdPartyMarketingConsent).toBe(consent);
    expect(record.body.PersonID).toBe(ids.personID);
    expect(record.body.BranchID).toBe(ids.branchID);
  });

  it('with a branchID: the record is in that branch', async () => {
    const ids = await setUp(state, { branchID: oid('BRA', 3), consent: false });
    expect(ids.branchID).toBe(oid('BRA', 3));
    const record = await mock.get<Contact>(recordPath(route, ids[id] as string));
    expect(record.body.BranchID).toBe(oid('BRA', 3));
    expect(record.body.ThirdPartyMarketingConsent).toBe(false);
  });
});

describe('a contact state when no record has the wanted consent', () => {
  it('overrides one record’s consent (consent rate 1, consent false)', async () => {
    const all = await startBehaviourMock({ clockFrozen: true, consentRate: 1 });
    try {
      const response = await all.control<{ ids: Ids }>('post', '/__mock/states', {
        state: 'a tenant exists',
        params: { consent: false },
      });
      const record = await all.get<Contact>(
        recordPath(CONTACT_ROUTES[0] as ContactRoute, response.body.ids.tenantID as string),
      );
      expect(record.body.ThirdPartyMarketingConsent).toBe(false);
    } finally {
      await all.close();
    }
  });
});

describe('a contact state with bad params', () => {
  it.each([
    { params: { consent: 'yes' }, name: 'params.consent' },
    { params: { branchID: oid('BRA', 9999) }, name: 'params.branchID' },
    { params: { branchID: oid('TEN', 1) }, name: 'params.branchID' },
    { params: { branchID: 7 }, name: 'params.branchID' },
  ])('$params is a 400 naming $name', async ({ params, name }) => {
    const response = await mock.control('post', '/__mock/states', { state: 'a tenant exists', params });
    expect(namedInputs(expectProblem(response, 400, 'invalid-request'))).toEqual([`body:${name}`]);
  });
});

describe('a custom field value is set', () => {
  it('by default: GET value returns what it stored', async () => {
    const ids = await setUp('a custom field value is set');
    const value = await mock.get<CustomFieldValue>(`${BASE}/company/objects/${ids.objectID}/${ids.fieldID}/value`);
    expect(value.status).toBe(200);
    expect(value.body).toEqual(ids.value);
  });

  it('on a named object and Text field with a named value', async () => {
    const objectID = oid('LAN', 4);
    const catalogue = await mock.get<{ CustomFields: CatalogueField[] }>('/__mock/customfields');
    const text = catalogue.body.CustomFields.find(
      (field) => field.DataType === 'Text' && !field.PersonalData && field.AppliesTo.includes('Landlord'),
    );
    expect(text, 'a landlord has a Text custom field').toBeDefined();
    const ids = await setUp('a custom field value is set', { objectID, fieldID: text?.ID, value: 'from a state' });
    const value = await mock.get<CustomFieldValue>(`${BASE}/company/objects/${objectID}/${text?.ID}/value`);
    expect(value.body).toBe('from a state');
    expect(ids).toEqual({ objectID, fieldID: text?.ID, value: 'from a state' });
  });

  it.each([
    { params: { objectID: oid('PER', 1) }, name: 'params.objectID' },
    { params: { fieldID: `NOPE-CF99` }, name: 'params.fieldID' },
    { params: { fieldID: oid('CF', 999) }, name: 'params.fieldID' },
  ])('$params is a 400 naming $name', async ({ params, name }) => {
    const response = await mock.control('post', '/__mock/states', { state: 'a custom field value is set', params });
    expect(namedInputs(expectProblem(response, 400, 'invalid-request'))).toEqual([`body:${name}`]);
  });
});

describe('no record has the ID', () => {
  it('gives IDs that are 404 on their routes', async () => {
    const ids = await setUp('no record has the ID');
    for (const { id, route } of CONTACT_STATES) {
      expectProblem(await mock.get(recordPath(route, ids[id] as string)), 404, 'not-found');
    }
    expectProblem(await mock.get(`${BASE}/person/${ids.personID}/personcontacts`), 404, 'not-found');
    expectProblem(await mock.get(`${BASE}/company/object/${ids.objectID}/customfield`), 404, 'not-found');
  });
});

describe('a person with several roles exists', () => {
  it('names a person whose person contacts list those roles', async () => {
    const ids = await setUp('a person with several roles exists');
    const contacts = await mock.get<{ Data: unknown[] }>(`${BASE}/person/${ids.personID}/personcontacts`);
    expect(contacts.body).toEqual(ids.roles);
  });

  it('is a 400 explaining why when nobody holds several roles', async () => {
    const single = await startBehaviourMock({ clockFrozen: true, multiRoleShare: 0 });
    try {
      const response = await single.control('post', '/__mock/states', { state: 'a person with several roles exists' });
      expect(expectProblem(response, 400, 'invalid-request').detail).toMatch(/multi-role-share/);
    } finally {
      await single.close();
    }
  });
});

describe('an unknown state', () => {
  it('is a 400 unknown-state listing every known state', async () => {
    const response = await mock.control('post', '/__mock/states', { state: 'a unicorn exists' });
    const problem = expectProblem(response, 400, 'unknown-state');
    expect(namedInputs(problem)).toEqual(['body:state']);
    for (const { state } of known) {
      expect(problem.detail).toContain(state);
      expect(problem.errors?.[0]?.reason).toContain(state);
    }
  });

  it('a body without state is a 400', async () => {
    expectProblem(await mock.control('post', '/__mock/states', { params: {} }), 400, 'invalid-request');
  });

  it('an unknown agency is refused', async () => {
    const response = await mock.control('post', '/__mock/states', {
      state: 'a branch exists',
      params: { shortName: 'nobody' },
    });
    expectProblem(response, 404, 'unknown-agency');
  });
});
