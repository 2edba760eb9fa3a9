import { resolveClientOptions, type ContactsClientOptions } from './client-options.js';
import type { ConsentAware } from './consent.js';
import { branchesResource, type BranchesResource } from './resources/branches.js';
import {
  CONTACT_ROUTES,
  contactResource,
  type ContactRecords,
  type ContactResource,
  type ContactTypeKey,
} from './resources/contacts.js';
import { customFieldsResource, type CustomFieldsResource } from './resources/custom-fields.js';
import { peopleResource, type PeopleResource } from './resources/people.js';
import { createRequester } from './request.js';
import { RollingWindowLimiter } from './rolling-window-limiter.js';

export type ContactsClient = {
  readonly branches: BranchesResource;
  readonly people: PeopleResource;
  readonly customFields: CustomFieldsResource;
  /** The client's limiter: its `status()` tells how much of the rate limit is in use. */
  readonly limiter: RollingWindowLimiter;
} & { readonly [Type in ContactTypeKey]: ContactResource<ConsentAware<ContactRecords[Type]>> };

/**
 * The reference client of V4 Contacts: typed from the contract, paging for you, and paced by a
 * rolling window so that it never trips agentOS's rate limit.
 */
export function createContactsClient(input: ContactsClientOptions): ContactsClient {
  const options = resolveClientOptions(input);
  const limiter = new RollingWindowLimiter({
    ...options.rateLimit,
    marginMs: options.slotMarginMs,
    now: options.now,
    sleep: options.sleep,
  });
  const request = createRequester(options, limiter);
  const contact = <Type extends ContactTypeKey>(type: Type) =>
    contactResource<ConsentAware<ContactRecords[Type]>>(request, CONTACT_ROUTES[type], options.integrator);
  return {
    branches: branchesResource(request),
    tenants: contact('tenants'),
    landlords: contact('landlords'),
    lettingsApplicants: contact('lettingsApplicants'),
    salesApplicants: contact('salesApplicants'),
    vendors: contact('vendors'),
    people: peopleResource(request, options.integrator),
    customFields: customFieldsResource(request),
    limiter,
  };
}
