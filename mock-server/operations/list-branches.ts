import type { OperationHandler } from './handler-context.js';
import { pageRange, pagingOf } from './paging.js';

export const listBranches: OperationHandler = ({ params, agency }) => {
  const { offset, count } = pagingOf(params);
  const total = agency.data.settings.branches;
  const { from, to } = pageRange(0, total, offset, count);
  const data = [];
  for (let index = from; index < to; index++) data.push(agency.presentBranch(index));
  return { status: 200, body: { Count: total, Data: data }, cacheable: true };
};
