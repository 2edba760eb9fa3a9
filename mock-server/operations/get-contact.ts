import { CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { parseObjectId } from '../../fixtures/records/object-id.js';
import { ProblemError } from '../pipeline/problems.js';
import type { OperationHandler } from './handler-context.js';

/** The single-record handler of one contact type; `idParameter` is the route's path parameter. */
export function getContact(type: ContactTypeKey, idParameter: string): OperationHandler {
  return ({ params, agency, authorisedIntegrator }) => {
    const id = params[idParameter] as string;
    const decoded = parseObjectId(id);
    if (!decoded || decoded.kind !== type || decoded.index >= agency.data.count(type)) {
      throw new ProblemError(
        'not-found',
        `No ${CONTACT_TYPES[type].name} of agency ${agency.shortName} has the ID ${id}.`,
      );
    }
    return { status: 200, body: agency.present(type, decoded.index, authorisedIntegrator), cacheable: true };
  };
}
