import { createContactsClient, type ContactsClient } from '../../src/create-contacts-client.js';
import type { RollingWindowLimiter } from '../../src/rolling-window-limiter.js';

// What Pact's state handlers return: JSON values for `fromProviderState` expressions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonMap = { [key: string]: any };
export type StateSetup = (params?: unknown) => Promise<JsonMap | undefined>;

export interface DiscoveryOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly shortName?: string;
  /** Shared with the verified requests, so discovery and verification together stay under the limit. */
  readonly limiter: RollingWindowLimiter;
  /** Pages of 100 looked through for a record with the wanted consent. */
  readonly maxPages?: number;
}

type Kind = 'tenants' | 'landlords' | 'lettingsApplicants' | 'salesApplicants' | 'vendors';

const KINDS: Readonly<Record<string, { kind: Kind; idName: string }>> = {
  'a tenant exists': { kind: 'tenants', idName: 'tenantID' },
  'a landlord exists': { kind: 'landlords', idName: 'landlordID' },
  'a lettings applicant exists': { kind: 'lettingsApplicants', idName: 'lettingsApplicantID' },
  'a sales applicant exists': { kind: 'salesApplicants', idName: 'salesApplicantID' },
  'a vendor exists': { kind: 'vendors', idName: 'vendorID' },
};

const paramsOf = (params: unknown): Record<string, unknown> =>
  params && typeof params === 'object' ? (params as Record<string, unknown>) : {};

/**
 * Provider states against a live provider, satisfied by discovery: each handler finds a real record
 * of the kind the interaction needs with the reference client. Nothing is created or changed,
 * except a custom field value when the state names one (a write; only with PACT_ALLOW_WRITES).
 */
export function discoveryStates(options: DiscoveryOptions): Record<string, StateSetup> {
  const paced: typeof fetch = async (input, init) => {
    const slot = await options.limiter.acquire();
    try {
      return await fetch(input, init);
    } finally {
      slot.release();
    }
  };
  const client: ContactsClient = createContactsClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    shortName: options.shortName ?? 'demo',
    // The shared limiter paces; this one only must not hold requests back a second time.
    rateLimit: { requests: 1000, windowMs: 1 },
    fetch: paced,
  });
  const maxPages = options.maxPages ?? 5;

  async function findContact(kind: Kind, consent: boolean | undefined, branchID: string | undefined) {
    for (let page = 0; page < maxPages; page++) {
      const result = await client[kind].list({ offset: page * 100, count: 100, ...(branchID ? { branchID } : {}) });
      const found = result.Data.find(
        (record) => consent === undefined || record.ThirdPartyMarketingConsent === consent,
      );
      if (found) return found;
      if ((page + 1) * 100 >= result.Count) break;
    }
    throw new Error(`no ${kind} with consent=${String(consent)} found in the first ${maxPages * 100} records`);
  }

  const handlers: Record<string, StateSetup> = {
    'a branch exists': async () => {
      const branches = await client.branches.list({ count: 1 });
      const first = branches.Data[0];
      if (!first) throw new Error('the agency has no branch');
      return { branchID: first.OID };
    },
    'a person with several roles exists': async () => {
      const tenants = await client.tenants.list({ count: 20 });
      for (const tenant of tenants.Data) {
        const roles = await client.people.contacts(tenant.PersonID);
        if (roles.length > 1) return { personID: tenant.PersonID, roles: roles as unknown as JsonMap[] };
      }
      throw new Error('none of the first 20 tenants holds another role');
    },
    'a custom field value is set': async (raw) => {
      const params = paramsOf(raw);
      const objectID =
        typeof params.objectID === 'string'
          ? params.objectID
          : (await findContact('tenants', undefined, undefined)).OID;
      const definitions = await client.customFields.definitions(objectID);
      const fieldID = typeof params.fieldID === 'string' ? params.fieldID : definitions.CustomFields[0]?.ID;
      if (!fieldID) throw new Error(`${objectID} has no custom field`);
      const value =
        params.value !== undefined && process.env.PACT_ALLOW_WRITES === 'true'
          ? await client.customFields.set(objectID, fieldID, params.value as string)
          : await client.customFields.get(objectID, fieldID);
      return { objectID, fieldID, value };
    },
    // Opaque OIDs of agentOS's shape that no record has (an unknown ID of any shape is 404).
    'no record has the ID': async () => ({
      tenantID: 'ffff-ffff-ffff-fff1',
      landlordID: 'ffff-ffff-ffff-fff2',
      lettingsApplicantID: 'ffff-ffff-ffff-fff3',
      salesApplicantID: 'ffff-ffff-ffff-fff4',
      vendorID: 'ffff-ffff-ffff-fff5',
      personID: 'ffff-ffff-ffff-fff6',
      objectID: 'ffff-ffff-ffff-fff1',
    }),
  };
  for (const [state, { kind, idName }] of Object.entries(KINDS)) {
    handlers[state] = async (raw) => {
      const params = paramsOf(raw);
      const consent = typeof params.consent === 'boolean' ? params.consent : undefined;
      const branchID = typeof params.branchID === 'string' ? params.branchID : undefined;
      const record = await findContact(kind, consent, branchID);
      return { [idName]: record.OID, personID: record.PersonID, branchID: record.BranchID };
    };
  }
  return handlers;
}
