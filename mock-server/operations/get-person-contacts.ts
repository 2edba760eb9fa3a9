import { parseObjectId } from '../../fixtures/records/object-id.js';
import { ProblemError } from '../pipeline/problems.js';
import type { OperationHandler } from './handler-context.js';

export const getPersonContacts: OperationHandler = ({ params, agency }) => {
  const id = params.personID as string;
  const decoded = parseObjectId(id);
  const roles = decoded?.kind === 'person' ? agency.data.personRoles(decoded.index) : undefined;
  if (!roles) throw new ProblemError('not-found', `No person of agency ${agency.shortName} has the ID ${id}.`);
  return { status: 200, body: { Count: roles.length, Data: roles }, cacheable: true };
};
