import { ProblemError } from '../pipeline/problems.js';
import type { OperationHandler } from './handler-context.js';

/** Every role of a person: a bare array (agentOS's unpaged habit), or `{Count, Data}` with `--unpaged envelope`. */
export const getPersonContacts: OperationHandler = ({ params, agency, options }) => {
  const id = params.personID as string;
  const decoded = agency.data.resolve(id);
  const roles = decoded?.kind === 'person' ? agency.data.personRoles(decoded.index) : undefined;
  if (!roles) throw new ProblemError('not-found', `No person of agency ${agency.shortName} has the ID ${id}.`);
  const body = options.unpaged === 'envelope' ? { Count: roles.length, Data: roles } : roles;
  return { status: 200, body, cacheable: true };
};
