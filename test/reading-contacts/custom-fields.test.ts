import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, oid } from '../support/contact-routes.js';
import type {
  CatalogueField,
  CustomFieldDataType,
  CustomFieldDefinitions,
  CustomFieldValue,
} from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';

const OBJECTS = [
  { kind: 'Tenant', id: oid('TEN', 7) },
  { kind: 'Landlord', id: oid('LAN', 7) },
  { kind: 'LettingsApplicant', id: oid('LAP', 7) },
  { kind: 'SalesApplicant', id: oid('SAP', 7) },
  { kind: 'Vendor', id: oid('VEN', 7) },
  { kind: 'Branch', id: oid('BRA', 2) },
];

/** A value of the right type, and one of a wrong type, per DataType. */
const SAMPLES: Record<CustomFieldDataType, { right: (field: CatalogueField) => CustomFieldValue; wrong: unknown }> = {
  Text: { right: () => 'set by a test', wrong: 12 },
  Number: { right: () => 42.5, wrong: '42' },
  Date: { right: () => '2025-03-20T00:00:00', wrong: '2025-03-20' },
  Boolean: { right: () => true, wrong: 'true' },
  List: { right: (field) => field.Options?.[0] ?? '', wrong: 'not an option' },
};

let client: MockClient;
let catalogue: CatalogueField[];

const definitionsPath = (objectId: string) => `${BASE}/company/object/${objectId}/customfield`;
const valuePath = (objectId: string, fieldId: string) => `${BASE}/company/objects/${objectId}/${fieldId}/value`;
const postPath = (objectId: string, fieldId: string) => `${BASE}/company/objects/${objectId}/${fieldId}/customfield`;

/** An object and field of a DataType, from the catalogue (which fields exist depends on the seed). */
function targetOf(
  type: CustomFieldDataType,
  personal = false,
): { objectId: string; field: CatalogueField } | undefined {
  for (const field of catalogue) {
    if (field.DataType !== type || field.PersonalData !== personal) continue;
    const object = OBJECTS.find((candidate) => field.AppliesTo.includes(candidate.kind));
    if (object) return { objectId: object.id, field };
  }
  return undefined;
}

beforeAll(async () => {
  // Everyone consents, so no value is withheld here (withholding has its own describe).
  client = await startMock({ shortNames: ['demo', 'other'], consentRate: 1 });
  catalogue = (await client.get<{ CustomFields: CatalogueField[] }>('/__mock/customfields')).body.CustomFields;
});
afterAll(() => client.close());

describe('custom field definitions, in agentOS V4 shape', () => {
  it.each(OBJECTS)(
    '$kind: CustomFields [{ID, TabName, GroupName, FieldName, Value}], fields from the catalogue',
    async ({ kind, id }) => {
      const { status, body } = await client.get<CustomFieldDefinitions>(definitionsPath(id));
      expect(status).toBe(200);
      expect(body.CustomFields.length).toBeGreaterThan(0);
      expect(new Set(body.CustomFields.map((field) => field.ID)).size).toBe(body.CustomFields.length);
      const applying = catalogue.filter((field) => field.AppliesTo.includes(kind));
      expect(body.CustomFields.map((field) => field.ID)).toEqual(applying.map((field) => field.ID));
      for (const field of body.CustomFields) {
        expect(Object.keys(field)).toEqual(['ID', 'TabName', 'GroupName', 'FieldName', 'Value']);
        expect(field.ID).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
      }
    },
  );

  it('one field has one ID on every kind of object it applies to', async () => {
    const tenant = await client.get<CustomFieldDefinitions>(definitionsPath(oid('TEN', 1)));
    const vendor = await client.get<CustomFieldDefinitions>(definitionsPath(oid('VEN', 1)));
    const first = tenant.body.CustomFields[0]!;
    expect(vendor.body.CustomFields.find((field) => field.FieldName === first.FieldName)?.ID).toBe(first.ID);
  });

  it('the catalogue has a field of every DataType, and Options only on List fields', () => {
    expect(new Set(catalogue.map((field) => field.DataType))).toEqual(
      new Set(['Text', 'Number', 'Date', 'Boolean', 'List']),
    );
    for (const field of catalogue) expect(field.Options !== null).toBe(field.DataType === 'List');
  });
});

describe('one value: GET answers the bare value, POST checks its type against the catalogue', () => {
  it.each(['Text', 'Number', 'Date', 'Boolean', 'List'] as const)('%s', async (type) => {
    const target = targetOf(type);
    if (!target) throw new Error(`the default catalogue has no non-personal ${type} field`);
    const { objectId, field } = target;
    const before = await client.get<CustomFieldValue>(valuePath(objectId, field.ID));
    const definitions = await client.get<CustomFieldDefinitions>(definitionsPath(objectId));
    expect(before.body).toEqual(definitions.body.CustomFields.find((entry) => entry.ID === field.ID)?.Value);

    const wrong = await client.post(postPath(objectId, field.ID), { Value: SAMPLES[type].wrong });
    expect(namedInputs(expectProblem(wrong, 400, 'custom-field-value-invalid'))).toEqual(['body:Value']);
    expect((await client.get(valuePath(objectId, field.ID))).body).toEqual(before.body);

    const value = SAMPLES[type].right(field);
    const set = await client.post<CustomFieldValue>(postPath(objectId, field.ID), { Value: value });
    expect(set.status).toBe(200);
    expect(set.body).toEqual(value);
    expect((await client.get(valuePath(objectId, field.ID))).body).toEqual(value);
    // Another agency's object of the same ID does not exist there, and its own values are untouched.
    expect((await client.get(valuePath(objectId, field.ID).replace(BASE, '/v4/contacts/other'))).status).toBe(404);
  });

  it('an unknown field, a field of another kind and an unknown object are 404s', async () => {
    const branchField = catalogue.find(
      (field) => field.AppliesTo.includes('Branch') && !field.AppliesTo.includes('Tenant'),
    )!;
    expectProblem(await client.get(valuePath(oid('TEN', 1), branchField.ID)), 404, 'not-found');
    expectProblem(await client.get(valuePath(oid('TEN', 1), oid('CF', 999))), 404, 'not-found');
    expectProblem(await client.get(valuePath(oid('TEN', 99_999), catalogue[0]!.ID)), 404, 'not-found');
    expectProblem(await client.get(definitionsPath(oid('PER', 1))), 404, 'not-found');
  });
});

describe('values of PersonalData fields are withheld for people without consent', () => {
  let nobody: MockClient;
  beforeAll(async () => {
    nobody = await startMock({ consentRate: 0 });
  });
  afterAll(() => nobody.close());

  it('null in the value GET and in the definitions, even after a POST; a provider state refuses to write one', async () => {
    const personal = catalogue.find((field) => field.PersonalData && field.AppliesTo.includes('Tenant'))!;
    const tenant = oid('TEN', 3);
    await nobody.post(postPath(tenant, personal.ID), { Value: SAMPLES[personal.DataType].right(personal) });
    expect((await nobody.get(valuePath(tenant, personal.ID))).body).toBeNull();
    const definitions = await nobody.get<CustomFieldDefinitions>(definitionsPath(tenant));
    expect(definitions.body.CustomFields.find((field) => field.ID === personal.ID)?.Value).toBeNull();
    const state = await nobody.post('/__mock/states', {
      state: 'a custom field value is set',
      params: { objectID: tenant, fieldID: personal.ID },
    });
    expect(state.status).toBe(400);
    // A field that is not personal data still shows its value.
    const plain = catalogue.find((field) => !field.PersonalData && field.AppliesTo.includes('Tenant'))!;
    await nobody.post(postPath(tenant, plain.ID), { Value: SAMPLES[plain.DataType].right(plain) });
    expect((await nobody.get(valuePath(tenant, plain.ID))).body).toEqual(SAMPLES[plain.DataType].right(plain));
  });
});
