import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, CONTACT_ROUTES, listPath, oid, recordPath } from '../support/contact-routes.js';
import { contractDocument, deref } from '../support/contract-document.js';
import type { Contact, Page, PersonContact } from '../support/contract-types.js';
import { startMock, type MockClient } from '../support/mock-client.js';
import type { MockOptionsInput } from '../../mock-server/options/mock-options.js';

// One switch at a time, the others at their defaults (domain.md 6, 11, 12, 15).
const clients = new Map<string, MockClient>();
const readings: Record<string, MockOptionsInput> = {
  default: { errors: 'agentos', consentRate: 0.5, authorisedIntegrators: ['crm'] },
  absent: { errors: 'agentos', nulls: 'absent', consentRate: 0.5, authorisedIntegrators: ['crm'] },
  envelope: { errors: 'agentos', unpaged: 'envelope', multiRoleShare: 0.3 },
  array: { errors: 'agentos', multiRoleShare: 0.3 },
  send: { errors: 'agentos', retryAfter: 'send' },
  clamp: { errors: 'agentos', overMax: 'clamp' },
  utc: { errors: 'agentos', dates: 'utc' },
  unlisted: { errors: 'agentos', unlistedEnums: 1 },
  problem: { errors: 'problem' },
};
const client = (name: string): MockClient => clients.get(name) as MockClient;

beforeAll(async () => {
  for (const [name, options] of Object.entries(readings)) clients.set(name, await startMock(options));
});
afterAll(() => Promise.all([...clients.values()].map((each) => each.close())));

/** Every property name of a record schema, through allOf. */
function schemaProperties(name: string): string[] {
  const schema = deref({ $ref: `#/components/schemas/${name}` });
  const parts = [...((schema.allOf as unknown[] | undefined) ?? []), schema].map(deref);
  return parts.flatMap((part) => Object.keys((part.properties as object | undefined) ?? {}));
}

describe('--errors', () => {
  it('agentos (default): application/json {"Message"} naming what was wrong, on /v4 and /__mock', async () => {
    const bad = await client('default').get(listPath(CONTACT_ROUTES[0]!, 0, 1001));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(bad.body as object)).toEqual(['Message']);
    expect((bad.body as { Message: string }).Message).toContain('count');
    const control = await client('default').post('/__mock/states', { state: 'no such state' });
    expect(control.status).toBe(400);
    expect(Object.keys(control.body as object)).toEqual(['Message']);
  });

  it('problem: RFC 9457 with a URN type and an errors list', async () => {
    const bad = await client('problem').get(listPath(CONTACT_ROUTES[0]!, 0, 1001));
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ type: 'urn:agentos-contacts-kit:problem:invalid-request', status: 400 });
  });
});

describe('--nulls', () => {
  it.each(CONTACT_ROUTES)('null (default): $schema records carry every property of the schema', async (route) => {
    const { body } = await client('default').get<Page<Contact>>(listPath(route, 0, 50));
    const expected = schemaProperties(route.schema).sort();
    for (const record of body.Data) expect(Object.keys(record).sort()).toEqual(expected);
    expect(body.Data.some((record) => record.Forename === null)).toBe(true);
    expect(body.Data.every((record) => record.ConsentDetails === null)).toBe(true);
  });

  it('absent: no property is null; withheld personal fields and ConsentDetails are left out', async () => {
    const { body } = await client('absent').get<Page<Contact>>(listPath(CONTACT_ROUTES[0]!, 0, 100));
    for (const record of body.Data) {
      expect(Object.values(record)).not.toContain(null);
      expect('Forename' in record).toBe(record.ThirdPartyMarketingConsent);
      expect('ConsentDetails' in record).toBe(false);
    }
    const branches = await client('absent').get<Page<Record<string, unknown>>>(`${BASE}/company/branches/0/6`);
    for (const branch of branches.body.Data) expect(Object.values(branch)).not.toContain(null);
  });
});

describe('--unpaged', () => {
  it('array (default) and envelope answer the same roles', async () => {
    const person = oid('PER', 0);
    const array = await client('array').get<PersonContact[]>(`${BASE}/person/${person}/personcontacts`);
    const envelope = await client('envelope').get<Page<PersonContact>>(`${BASE}/person/${person}/personcontacts`);
    expect(Array.isArray(array.body)).toBe(true);
    expect(envelope.body).toEqual({ Count: array.body.length, Data: array.body });
  });
});

describe('--retry-after', () => {
  it('omit (default) sends no Retry-After on a 429 or 403; send does', async () => {
    for (const code of [429, 403]) {
      const headers = { Prefer: `code=${code}` };
      const omitted = await client('default').get(listPath(CONTACT_ROUTES[0]!, 0, 1), { headers });
      expect(omitted.status).toBe(code);
      expect(omitted.headers['retry-after']).toBeUndefined();
      const sent = await client('send').get(listPath(CONTACT_ROUTES[0]!, 0, 1), { headers });
      expect(Number(sent.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});

describe('--over-max', () => {
  it('reject (default) is a 400; clamp answers 1000 records', async () => {
    expect((await client('default').get(listPath(CONTACT_ROUTES[0]!, 0, 5000))).status).toBe(400);
    const clamped = await client('clamp').get<Page<Contact>>(listPath(CONTACT_ROUTES[0]!, 0, 5000));
    expect(clamped.status).toBe(200);
    expect(clamped.body.Data).toHaveLength(1000);
  });
});

describe('--dates', () => {
  it('local (default) writes YYYY-MM-DDTHH:MM:SS; utc appends Z to the same digits', async () => {
    const local = await client('default').get<Contact>(recordPath(CONTACT_ROUTES[0]!, oid('TEN', 2)));
    const utc = await client('utc').get<Contact>(recordPath(CONTACT_ROUTES[0]!, oid('TEN', 2)));
    for (const field of ['CreatedAt', 'TenancyStartDate']) {
      expect(local.body[field]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(utc.body[field]).toBe(`${String(local.body[field])}Z`);
    }
  });
});

describe('--unlisted-enums', () => {
  const listed = (schema: string, property: string): string[] => {
    const node = deref({ $ref: `#/components/schemas/${schema}` });
    const parts = [...((node.allOf as unknown[] | undefined) ?? []), node].map(deref);
    const found = parts
      .map((part) => (part.properties as Record<string, unknown> | undefined)?.[property])
      .find(Boolean);
    const open = deref(found).anyOf as { enum?: string[] }[] | undefined;
    return open?.[0]?.enum ?? [];
  };

  it('0 (default) sends only listed values; 1 sends values the contract does not list, never in ContactType', async () => {
    for (const route of CONTACT_ROUTES) {
      const known = listed(route.schema, 'Status');
      expect(known.length).toBeGreaterThan(0);
      const plain = await client('default').get<Page<Contact>>(listPath(route, 0, 50));
      for (const record of plain.body.Data) expect(known).toContain(record.Status);
      const unlisted = await client('unlisted').get<Page<Contact>>(listPath(route, 0, 50));
      for (const record of unlisted.body.Data) expect(known).not.toContain(record.Status);
    }
    const roles = await client('unlisted').get<PersonContact[]>(`${BASE}/person/${oid('PER', 0)}/personcontacts`);
    const contactTypes = deref(
      (contractDocument.components as Record<string, Record<string, unknown>>).schemas!.PersonContact,
    );
    const allowed = (contactTypes.properties as Record<string, { enum: string[] }>).ContactType?.enum;
    for (const role of roles.body) expect(allowed).toContain(role.ContactType);
  });
});

describe('authentication', () => {
  it('accepts the key under the ApiKey header every agentOS Swagger document declares', async () => {
    const answer = await client('default').get(listPath(CONTACT_ROUTES[0]!, 0, 1), {
      apiKey: null,
      headers: { ApiKey: 'a-key' },
    });
    expect(answer.status).toBe(200);
  });
});
