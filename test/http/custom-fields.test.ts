import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE } from '../support/contact-routes.js';
import type { CustomFieldDataType, CustomFieldDefinition, CustomFieldValue, Page } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import { expectProblem } from '../support/expect-problem.js';

const OBJECTS = [
  'TEN-0000000007',
  'LAN-0000000007',
  'LAP-0000000007',
  'SAP-0000000007',
  'VEN-0000000007',
  'BRA-0000000002',
];
const DATA_TYPES: readonly CustomFieldDataType[] = ['Text', 'Number', 'Date', 'Boolean', 'List'];

interface Target {
  objectId: string;
  field: CustomFieldDefinition;
}

let client: MockClient;
const targets = new Map<CustomFieldDataType, Target>();

const valuePath = ({ objectId, field }: Target) => `${BASE}/company/objects/${objectId}/${field.FieldID}/value`;
const postPath = ({ objectId, field }: Target) => `${BASE}/company/objects/${objectId}/${field.FieldID}/customfield`;

function target(type: CustomFieldDataType): Target {
  const found = targets.get(type);
  if (!found) throw new Error(`no object of the default data set has a ${type} custom field`);
  return found;
}

beforeAll(async () => {
  client = await startMock({ shortNames: ['demo', 'other'] });
  // Which fields exist depends on the seed, so the tests find one field of each type by asking.
  for (const objectId of OBJECTS) {
    const response = await client.get<Page<CustomFieldDefinition>>(`${BASE}/company/object/${objectId}/customfield`);
    for (const field of response.body.Data)
      if (!targets.has(field.DataType)) targets.set(field.DataType, { objectId, field });
  }
});
afterAll(() => client.close());

describe('custom field definitions', () => {
  it.each(OBJECTS)('%s: Count matches Data, IDs are unique and carry the object prefix', async (objectId) => {
    const { body } = await client.get<Page<CustomFieldDefinition>>(`${BASE}/company/object/${objectId}/customfield`);
    expect(body.Count).toBe(body.Data.length);
    expect(body.Data.length).toBeGreaterThan(0);
    expect(new Set(body.Data.map((field) => field.FieldID)).size).toBe(body.Data.length);
    for (const field of body.Data) {
      expect(field.FieldID.startsWith(objectId.slice(0, 3))).toBe(true);
      expect(field.Options !== undefined).toBe(field.DataType === 'List');
    }
  });

  it('the default data set has a field of every DataType', () => {
    expect([...targets.keys()].sort()).toEqual([...DATA_TYPES].sort());
  });

  it.each(DATA_TYPES)('the initial %s value fits its definition', async (type) => {
    const { body } = await client.get<CustomFieldValue>(valuePath(target(type)));
    expect(body.DataType).toBe(type);
    expect(body.FieldID).toBe(target(type).field.FieldID);
    expect(body.ObjectID).toBe(target(type).objectId);
    if (type === 'List') expect(target(type).field.Options).toContain(body.Value);
    if (type === 'Date') expect(body.Value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const expected = { Text: 'string', Number: 'number', Date: 'string', Boolean: 'boolean', List: 'string' }[type];
    expect(typeof body.Value).toBe(expected);
  });
});

describe('422 for a value that does not fit the definition', () => {
  const rows: { type: CustomFieldDataType; value: unknown }[] = [
    { type: 'Text', value: 42 },
    { type: 'Text', value: true },
    { type: 'Text', value: 'x'.repeat(2001) },
    { type: 'Number', value: '12' },
    { type: 'Number', value: false },
    { type: 'Date', value: '2024-02-30' },
    { type: 'Date', value: '01/02/2024' },
    { type: 'Date', value: 20240101 },
    { type: 'Boolean', value: 'true' },
    { type: 'Boolean', value: 1 },
    { type: 'List', value: 'Not an option' },
    { type: 'List', value: 3 },
  ];

  it.each(rows)('$type field given $value', async ({ type, value }) => {
    const problem = expectProblem(
      await client.post(postPath(target(type)), { Value: value }),
      422,
      'custom-field-value-invalid',
    );
    expect(problem.errors?.map((error) => `${error.in}:${error.name}`)).toEqual(['body:Value']);
  });

  it('a rejected value is not stored', async () => {
    const before = await client.get<CustomFieldValue>(valuePath(target('Number')));
    await client.post(postPath(target('Number')), { Value: 'seven' });
    expect((await client.get<CustomFieldValue>(valuePath(target('Number')))).text).toBe(before.text);
  });
});

describe('value round trip', () => {
  function newValue(type: CustomFieldDataType): string | number | boolean {
    const options = target('List').field.Options ?? [];
    return {
      Text: 'Kit test ✓ "quoted"',
      Number: -12.75,
      Date: '2024-02-29',
      Boolean: true,
      List: options[options.length - 1] ?? '',
    }[type];
  }

  it.each(DATA_TYPES)('%s: POST returns and stores the value; reset() forgets it', async (type) => {
    const place = target(type);
    const initial = await client.get<CustomFieldValue>(valuePath(place));
    // Choose a value that differs from the initial one, so the round trip is observable.
    let value = newValue(type);
    if (value === initial.body.Value && type === 'Boolean') value = !value;
    if (value === initial.body.Value && type === 'List') value = place.field.Options?.[0] ?? '';
    expect(value).not.toEqual(initial.body.Value);

    const posted = await client.post<CustomFieldValue>(postPath(place), { Value: value });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({
      ObjectID: place.objectId,
      FieldID: place.field.FieldID,
      DataType: type,
      Value: value,
    });

    const read = await client.get<CustomFieldValue>(valuePath(place));
    expect(read.body.Value).toEqual(value);

    client.mock.reset();
    expect((await client.get<CustomFieldValue>(valuePath(place))).text).toBe(initial.text);
  });

  it('a value belongs to one object and one agency', async () => {
    const place = target('Text');
    const elsewhere = [
      valuePath({ ...place, objectId: place.objectId.replace(/7$/, '8') }),
      valuePath(place).replace(BASE, '/v4/contacts/other'),
    ];
    const before = await Promise.all(elsewhere.map((path) => client.get(path)));
    expect((await client.post(postPath(place), { Value: 'only here' })).status).toBe(200);
    const after = await Promise.all(elsewhere.map((path) => client.get(path)));
    expect(after.map((response) => response.text)).toEqual(before.map((response) => response.text));
    expect(after.every((response) => response.status === 200)).toBe(true);
    client.mock.reset();
  });
});
