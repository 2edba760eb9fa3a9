import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Agency } from '../../mock-server/state/agency.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

const TENANTS = 300_000;
const LIST = (offset: number) => `/v4/contacts/demo/tenants/${offset}/20`;

interface Page {
  Count: number;
  Data: { OID: string; PersonID?: string }[];
}

// Finding 11: in --withheld omit, each consent change rebuilt an index over every record of the
// type (1.5 s at ten million tenants). Measured as work, not time: consent checks per change.
describe('--withheld omit after a consent change', () => {
  let mock: BehaviourClient;
  let agency: Agency;
  beforeAll(async () => {
    mock = await startBehaviourMock({ withheld: 'omit', counts: { tenants: TENANTS }, responseCacheMb: 0 });
    agency = mock.mock.state.agencies.get('demo') as Agency;
  });
  afterAll(() => mock.close());

  it('costs what the change changes, and the pages agree with a freshly built index', async () => {
    const before = (await mock.get<Page>(LIST(100_000))).body;
    const person = before.Data[0]?.PersonID as string;
    expect(person).toBeDefined();
    const checks = vi.spyOn(agency, 'isConsented');
    const withdrawn = await mock.control('put', `/__mock/people/${person}/consent`, { ThirdPartyMarketing: false });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const after = (await mock.get<Page>(LIST(100_000 - 1))).body;
    // A page of 20 from a block of 1024, plus the changed person's records: thousands, not 300,000.
    expect(checks.mock.calls.length).toBeLessThan(10_000);
    checks.mockRestore();

    expect(after.Count).toBe(before.Count - 1);
    const fresh = await startBehaviourMock({ withheld: 'omit', counts: { tenants: TENANTS }, responseCacheMb: 0 });
    try {
      expect(
        (await fresh.control('put', `/__mock/people/${person}/consent`, { ThirdPartyMarketing: false })).status,
      ).toBe(200);
      expect((await fresh.get<Page>(LIST(100_000 - 1))).body).toEqual(after);
      expect((await fresh.get<Page>(LIST(250_000))).body).toEqual((await mock.get<Page>(LIST(250_000))).body);

      // Then a grant to someone without consent and the withdrawal dropped: both agree again.
      const ids = await mock.control<{ ids: { personID: string } }>('post', '/__mock/states', {
        state: 'a tenant exists',
        params: { consent: false },
      });
      const granted = ids.body.ids.personID;
      for (const target of [mock, fresh]) {
        await target.control('put', `/__mock/people/${granted}/consent`, { ThirdPartyMarketing: true });
        await target.control('delete', `/__mock/people/${person}/consent`);
      }
      expect((await mock.get<Page>(LIST(0))).body).toEqual((await fresh.get<Page>(LIST(0))).body);
      expect((await mock.get<Page>(LIST(100_000))).body.Count).toBe(before.Count + 1);
      expect((await mock.get<Page>(LIST(100_000))).body).toEqual((await fresh.get<Page>(LIST(100_000))).body);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
