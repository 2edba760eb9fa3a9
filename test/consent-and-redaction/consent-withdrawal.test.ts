import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE,
  recordPath,
  routeOfOid,
  listPath,
  type ContactRoute,
  oid,
  agencyCodec,
} from '../support/contact-routes.js';
import type { Contact, Page, PersonContact } from '../support/contract-types.js';
import { expectProblem } from '../support/expect-problem.js';
import { personalDataPaths, presentPersonalData } from '../support/personal-data-paths.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

interface Role {
  readonly ContactType: string;
  readonly OID: string;
  readonly BranchID: string;
}

const PAGE = 100;

/** The list page (of PAGE records) that holds a record, in redact mode. */
function pageOf(role: Role): { route: ContactRoute; path: string } {
  const route = routeOfOid(role.OID);
  const index = agencyCodec().decode(role.OID)?.index ?? -1;
  return { route, path: listPath(route, Math.floor(index / PAGE) * PAGE, PAGE) };
}

async function severalRoles(client: BehaviourClient): Promise<{ personID: string; roles: Role[] }> {
  const response = await client.control<{ ids: { personID: string; roles: Role[] } }>('post', '/__mock/states', {
    state: 'a person with several roles exists',
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.ids.roles.length).toBeGreaterThan(1);
  return response.body.ids;
}

function setConsent(client: BehaviourClient, personID: string, consented: boolean) {
  return client.control<{ PersonID: string; ThirdPartyMarketing: boolean; Roles: Role[] }>(
    'put',
    `/__mock/people/${personID}/consent`,
    { ThirdPartyMarketing: consented },
  );
}

describe('withdrawing a multi-role person’s consent (redact mode)', () => {
  let mock: BehaviourClient;
  let person: { personID: string; roles: Role[] };
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true });
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    mock.mock.reset();
    person = await severalRoles(mock);
  });

  it('PUT answers with the person, the consent and every role', async () => {
    const response = await setConsent(mock, person.personID, false);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ PersonID: person.personID, ThirdPartyMarketing: false, Roles: person.roles });
  });

  it('takes effect on the very next request, on every role, single records and cached list pages alike', async () => {
    expect((await setConsent(mock, person.personID, true)).status).toBe(200);
    // Read everything once while consented, so list pages are in the response cache.
    for (const role of person.roles) {
      const single = await mock.get<Contact>(recordPath(routeOfOid(role.OID), role.OID));
      expect(single.body.ThirdPartyMarketingConsent).toBe(true);
      const { route, path } = pageOf(role);
      const listed = (await mock.get<Page<Contact>>(path)).body.Data.find((record) => record.OID === role.OID);
      expect(listed?.ThirdPartyMarketingConsent).toBe(true);
      expect(presentPersonalData(listed, personalDataPaths(route.schema)).length).toBeGreaterThan(0);
    }

    expect((await setConsent(mock, person.personID, false)).status).toBe(200);
    for (const role of person.roles) {
      const { route, path } = pageOf(role);
      const marks = personalDataPaths(route.schema);
      const single = await mock.get<Contact>(recordPath(route, role.OID));
      expect(single.status).toBe(200);
      expect(single.body).toMatchObject({ OID: role.OID, PersonID: person.personID, BranchID: role.BranchID });
      expect(single.body.ThirdPartyMarketingConsent, role.OID).toBe(false);
      expect(presentPersonalData(single.body, marks), role.OID).toEqual([]);
      const listed = (await mock.get<Page<Contact>>(path)).body.Data.find((record) => record.OID === role.OID);
      expect(listed, `${role.OID} in ${path}`).toEqual(single.body);
    }
  });

  it('also as an authorised integrator: no ConsentDetails once withdrawn', async () => {
    const authorised = await startBehaviourMock({ clockFrozen: true, authorisedIntegrators: ['crm'] });
    try {
      const someone = await severalRoles(authorised);
      const read = (role: Role) => {
        const route = routeOfOid(role.OID);
        return authorised.get<Contact>(recordPath(route, role.OID, `${route.identification}=crm`));
      };
      await setConsent(authorised, someone.personID, true);
      for (const role of someone.roles) expect((await read(role)).body.ConsentDetails).toBeDefined();
      await setConsent(authorised, someone.personID, false);
      for (const role of someone.roles) {
        const withdrawn = await read(role);
        expect(withdrawn.body.ThirdPartyMarketingConsent).toBe(false);
        expect(withdrawn.body.ConsentDetails).toBeNull();
      }
    } finally {
      await authorised.close();
    }
  });

  it('person contacts still list every role', async () => {
    await setConsent(mock, person.personID, false);
    const contacts = await mock.get<PersonContact[]>(`${BASE}/person/${person.personID}/personcontacts`);
    expect(contacts.status).toBe(200);
    expect(contacts.body).toEqual(person.roles);
  });

  it('DELETE drops the override: every role reads as before, byte for byte', async () => {
    const before = await Promise.all(
      person.roles.map(async (role) => (await mock.get(recordPath(routeOfOid(role.OID), role.OID))).text),
    );
    const pagesBefore = await Promise.all(person.roles.map(async (role) => (await mock.get(pageOf(role).path)).text));
    const seeded = (JSON.parse(before[0] as string) as Contact).ThirdPartyMarketingConsent;
    await setConsent(mock, person.personID, !seeded);
    const flipped = await mock.get<Contact>(
      recordPath(routeOfOid(person.roles[0]?.OID as string), person.roles[0]?.OID as string),
    );
    expect(flipped.body.ThirdPartyMarketingConsent).toBe(!seeded);

    const dropped = await mock.control('delete', `/__mock/people/${person.personID}/consent`);
    expect(dropped.status).toBe(204);
    expect(dropped.text).toBe('');
    for (const [index, role] of person.roles.entries()) {
      expect((await mock.get(recordPath(routeOfOid(role.OID), role.OID))).text).toBe(before[index]);
      expect((await mock.get(pageOf(role).path)).text).toBe(pagesBefore[index]);
    }
    // Dropping it again is fine.
    expect((await mock.control('delete', `/__mock/people/${person.personID}/consent`)).status).toBe(204);
  });

  it('the other people on a page are untouched', async () => {
    const role = person.roles[0] as Role;
    const { path } = pageOf(role);
    const before = (await mock.get<Page<Contact>>(path)).body.Data;
    await setConsent(mock, person.personID, false);
    const after = (await mock.get<Page<Contact>>(path)).body.Data;
    expect(after.filter((record) => record.PersonID !== person.personID)).toEqual(
      before.filter((record) => record.PersonID !== person.personID),
    );
  });

  it('an override beats consent churn on later days', async () => {
    const churning = await startBehaviourMock({ clockFrozen: true, consentChurn: 0.5 });
    try {
      const someone = await severalRoles(churning);
      await setConsent(churning, someone.personID, false);
      for (let day = 0; day < 5; day++) {
        for (const role of someone.roles) {
          const record = await churning.get<Contact>(recordPath(routeOfOid(role.OID), role.OID));
          expect(record.body.ThirdPartyMarketingConsent, `day ${day}`).toBe(false);
        }
        await churning.advance('P1D');
      }
    } finally {
      await churning.close();
    }
  });

  it.each([
    { personID: `${oid('PER', 999_999_999)}`, status: 404, kind: 'not-found' },
    // A person ID of any shape that names no person is a 404, a tenant's OID included.
    { personID: `${oid('TEN', 1)}`, status: 404, kind: 'not-found' },
    { personID: 'nobody', status: 404, kind: 'not-found' },
  ])('PUT for $personID is $status', async ({ personID, status, kind }) => {
    expectProblem(await setConsent(mock, personID, false), status, kind);
  });

  it.each([{}, { ThirdPartyMarketing: 'no' }, { ThirdPartyMarketing: false, Other: 1 }])(
    'PUT body %j is a 400',
    async (body) => {
      expectProblem(
        await mock.control('put', `/__mock/people/${person.personID}/consent`, body),
        400,
        'invalid-request',
      );
    },
  );

  it('an unknown agency in shortName is refused', async () => {
    const response = await mock.control('put', `/__mock/people/${person.personID}/consent?shortName=nobody`, {
      ThirdPartyMarketing: false,
    });
    expect(response.status).toBe(404);
  });
});

describe('withdrawing consent in omit mode', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true, withheld: 'omit' });
  });
  afterAll(() => mock.close());

  it('drops every role from its list and its Count at once; DELETE brings them back', async () => {
    const person = await severalRoles(mock);
    const routes = [...new Map(person.roles.map((role) => [role.OID.slice(0, 3), routeOfOid(role.OID)])).values()];
    const counts = async () =>
      Promise.all(routes.map(async (route) => (await mock.get<Page<Contact>>(listPath(route, 0, 1))).body.Count));
    const rolesIn = (route: ContactRoute) => person.roles.filter((role) => routeOfOid(role.OID) === route).length;
    /** The OIDs listed in the role's own branch (a few pages at most). */
    const listed = async (role: Role) => {
      const route = routeOfOid(role.OID);
      const query = `branchID=${role.BranchID}`;
      const oids = new Set<string>();
      const total = (await mock.get<Page<Contact>>(listPath(route, 0, 1, query))).body.Count;
      for (let offset = 0; offset < total; offset += 1000) {
        const page = await mock.get<Page<Contact>>(listPath(route, offset, 1000, query));
        for (const record of page.body.Data) oids.add(record.OID);
      }
      return oids;
    };
    const seeded = await counts();
    await setConsent(mock, person.personID, true);
    const consenting = await counts();
    for (const role of person.roles) expect((await listed(role)).has(role.OID), role.OID).toBe(true);

    await setConsent(mock, person.personID, false);
    expect(await counts()).toEqual(consenting.map((count, index) => count - rolesIn(routes[index] as ContactRoute)));
    for (const role of person.roles) expect((await listed(role)).has(role.OID), role.OID).toBe(false);

    expect((await mock.control('delete', `/__mock/people/${person.personID}/consent`)).status).toBe(204);
    expect(await counts()).toEqual(seeded);
  });
});
