import type { ContactTypeKey } from '../../fixtures/contact-types.js';
import type { OperationHandler } from './handler-context.js';
import { pageRange, pagingOf } from './paging.js';
import { branchRange } from './resolve-branch-filter.js';

/** The list handler of one contact type: a page of `{ Count, Data }`, filtered by branch. */
export function listContacts(type: ContactTypeKey): OperationHandler {
  return ({ params, query, agency, authorisedIntegrator, options }) => {
    const { offset, count } = pagingOf(params);
    const { start, end } = branchRange(agency, type, query.branchID);
    const data: Record<string, unknown>[] = [];
    let total: number;
    if (options.withheld === 'omit') {
      // Records without consent are not shown at all, so Count and offset only count the rest.
      const index = agency.consentIndex(type);
      total = index.countIn(start, end);
      for (const position of index.select(start, end, offset, count)) {
        data.push(agency.present(type, position, authorisedIntegrator));
      }
    } else {
      total = end - start;
      const { from, to } = pageRange(start, end, offset, count);
      for (let position = from; position < to; position++)
        data.push(agency.present(type, position, authorisedIntegrator));
    }
    return { status: 200, body: { Count: total, Data: data }, cacheable: true };
  };
}
