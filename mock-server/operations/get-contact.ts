import { CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { ProblemError } from '../pipeline/problems.js';
import type { OperationHandler } from './handler-context.js';
import { JsonText } from '../http/serialize-body.js';

/** The single-record handler of one contact type: an ID of any shape that names no such record is a 404. */
export function getContact(type: ContactTypeKey): OperationHandler {
  const idParameter = CONTACT_TYPES[type].idParameter;
  return ({ params, agency, authorisedIntegrator }) => {
    const id = params[idParameter] as string;
    const decoded = agency.data.resolve(id);
    if (decoded?.kind !== type) {
      throw new ProblemError(
        'not-found',
        `No ${CONTACT_TYPES[type].name} of agency ${agency.shortName} has the ID ${id}.`,
      );
    }
    return {
      status: 200,
      body: new JsonText(agency.presentJson(type, decoded.index, authorisedIntegrator)),
      cacheable: true,
    };
  };
}
