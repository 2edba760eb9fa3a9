import type { operations } from '../generated/v4-contacts.js';
import type { Requester } from '../request.js';
import { segment, type CallOptions } from './call-options.js';

type PersonContactPage = operations['getPersonContacts']['responses'][200]['content']['application/json'];

export interface PeopleResource {
  /** Every role the person holds (`ContactType`, `OID`, `BranchID`): the cross-sell question. */
  contacts(personID: string, options?: CallOptions): Promise<PersonContactPage>;
}

export function peopleResource(request: Requester, integrator: string | undefined): PeopleResource {
  return {
    contacts: (personID, { signal }: CallOptions = {}) =>
      request<PersonContactPage>({
        method: 'GET',
        path: `/person/${segment(personID)}/personcontacts`,
        query: { integrator },
        signal,
      }),
  };
}
