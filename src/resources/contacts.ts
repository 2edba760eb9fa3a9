import type { operations } from '../generated/v4-contacts.js';
import type { Page } from '../contract-types.js';
import type { Requester } from '../request.js';
import {
  DEFAULT_LIST_COUNT,
  segment,
  type AllOptions,
  type BranchFilter,
  type CallOptions,
  type ListOptions,
} from './call-options.js';
import { paginate } from './paginate.js';

type Json200<Operation extends keyof operations> = operations[Operation] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

type RecordOf<ListOperation extends keyof operations> =
  Json200<ListOperation> extends { Data: Array<infer Item> } ? Item : never;

/** The name a route reads to identify the integration: the contract's quirk, kept. */
export type IdentificationParameter = 'integrator' | 'integration';

/** The list and single-record routes of one contact type. */
export interface ContactResource<T> {
  list(options?: ListOptions & BranchFilter): Promise<Page<T>>;
  all(options?: AllOptions & BranchFilter): AsyncGenerator<T>;
  get(id: string, options?: CallOptions): Promise<T>;
}

export interface ContactRoute {
  /** The list path after the agency: `/tenants`, `/applicants/lettings`, ... */
  readonly path: string;
  readonly identification: IdentificationParameter;
}

export const CONTACT_ROUTES = {
  tenants: { path: '/tenants', identification: 'integrator' },
  landlords: { path: '/landlords', identification: 'integrator' },
  lettingsApplicants: { path: '/applicants/lettings', identification: 'integration' },
  salesApplicants: { path: '/applicants/sales', identification: 'integration' },
  vendors: { path: '/vendors', identification: 'integrator' },
} as const satisfies Record<string, ContactRoute>;

export type ContactTypeKey = keyof typeof CONTACT_ROUTES;

/** Each type's record, as the contract's list operation returns it. */
export interface ContactRecords {
  tenants: RecordOf<'listTenants'>;
  landlords: RecordOf<'listLandlords'>;
  lettingsApplicants: RecordOf<'listLettingsApplicants'>;
  salesApplicants: RecordOf<'listSalesApplicants'>;
  vendors: RecordOf<'listVendors'>;
}

export function contactResource<T>(
  request: Requester,
  route: ContactRoute,
  integrator: string | undefined,
): ContactResource<T> {
  const identify = { [route.identification]: integrator };
  const list = ({ offset = 0, count = DEFAULT_LIST_COUNT, branchID, signal }: ListOptions & BranchFilter = {}): Promise<
    Page<T>
  > =>
    request<Page<T>>({
      method: 'GET',
      path: `${route.path}/${segment(offset)}/${segment(count)}`,
      query: { branchID, ...identify },
      signal,
    });
  return {
    list,
    all: ({ pageSize, branchID, signal }: AllOptions & BranchFilter = {}) =>
      paginate<T>((offset, count) => list({ offset, count, branchID, signal }), pageSize),
    get: (id, { signal }: CallOptions = {}) =>
      request<T>({ method: 'GET', path: `${route.path}/${segment(id)}`, query: identify, signal }),
  };
}
