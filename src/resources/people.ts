import type { operations } from '../generated/v4-contacts.js';
import type { Requester } from '../request.js';
import { segment, type CallOptions } from './call-options.js';
import { unpagedItems, type ItemOf } from './unpaged.js';

type PersonContactsBody = operations['getPersonContacts']['responses'][200]['content']['application/json'];

/** One role of a person: `ContactType`, the role's `OID` and its `BranchID`. */
export type PersonRole = ItemOf<PersonContactsBody>;

export interface PeopleResource {
  /**
   * Every role the person holds: the cross-sell question. An array whichever shape the server
   * sends (agentOS's bare array for unpaged collections, or a `{ Count, Data }` envelope).
   */
  contacts(personID: string, options?: CallOptions): Promise<PersonRole[]>;
}

export function peopleResource(request: Requester, integrator: string | undefined): PeopleResource {
  return {
    contacts: (personID, { signal }: CallOptions = {}) =>
      request<PersonRole[]>({
        method: 'GET',
        path: `/person/${segment(personID)}/personcontacts`,
        query: { integrator },
        signal,
        decode: (body, target) => unpagedItems<PersonRole>(body, target),
      }),
  };
}
