import type { operations } from '../generated/v4-contacts.js';
import type { Branch, Page } from '../contract-types.js';
import type { Requester } from '../request.js';
import { DEFAULT_LIST_COUNT, segment, type AllOptions, type ListOptions } from './call-options.js';
import { paginate } from './paginate.js';

type BranchPage = operations['listBranches']['responses'][200]['content']['application/json'];

export interface BranchesResource {
  list(options?: ListOptions): Promise<BranchPage>;
  all(options?: AllOptions): AsyncGenerator<Branch>;
}

export function branchesResource(request: Requester): BranchesResource {
  const list = ({ offset = 0, count = DEFAULT_LIST_COUNT, signal }: ListOptions = {}): Promise<BranchPage> =>
    request<BranchPage>({ method: 'GET', path: `/company/branches/${segment(offset)}/${segment(count)}`, signal });
  return {
    list,
    all: ({ pageSize, signal }: AllOptions = {}) =>
      paginate<Branch>((offset, count) => list({ offset, count, signal }) as Promise<Page<Branch>>, pageSize),
  };
}
