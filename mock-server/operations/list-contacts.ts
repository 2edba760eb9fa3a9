import type { ContactTypeKey } from '../../fixtures/contact-types.js';
import type { OperationHandler } from './handler-context.js';
import { pageRange, pagingOf } from './paging.js';
import { branchRange } from './resolve-branch-filter.js';
import { SerializedPage } from '../http/serialize-body.js';

/** The list handler of one contact type: a page of `{ Count, Data }`, filtered by branch. */
export function listContacts(type: ContactTypeKey): OperationHandler {
  return ({ params, query, agency, authorisedIntegrator, options }) => {
    const { offset, count } = pagingOf(params);
    const { start, end } = branchRange(agency, type, query.branchID);
    const write = agency.jsonWriter(type, authorisedIntegrator);
    if (options.withheld === 'omit') {
      // Records without consent are not shown at all, so Count and offset only count the rest.
      const index = agency.consentIndex(type);
      const page = new SerializedPage(index.countIn(start, end));
      for (const position of index.select(start, end, offset, count)) {
        const text = write(position, page.hasRecords);
        page.addItem(text, agency.jsonByteLength(text));
      }
      return { status: 200, body: page, cacheable: true };
    }
    const page = new SerializedPage(end - start);
    const { from, to } = pageRange(start, end, offset, count);
    for (let position = from; position < to; position++) {
      const text = write(position, page.hasRecords);
      page.addItem(text, agency.jsonByteLength(text));
    }
    return { status: 200, body: page, cacheable: true };
  };
}
