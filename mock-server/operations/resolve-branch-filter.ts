import type { ContactTypeKey } from '../../fixtures/contact-types.js';
import type { Agency } from '../state/agency.js';
import { invalidRequest } from '../pipeline/problems.js';

/** The index range of a type's records that a `branchID` filter selects (all of them without one). */
export function branchRange(
  agency: Agency,
  type: ContactTypeKey,
  branchId: string | undefined,
): { start: number; end: number } {
  if (branchId === undefined) return { start: 0, end: agency.data.count(type) };
  const decoded = agency.data.resolve(branchId);
  if (decoded?.kind !== 'branch') {
    throw invalidRequest([
      { name: 'branchID', in: 'query', reason: `no branch of agency ${agency.shortName} has the ID ${branchId}` },
    ]);
  }
  return agency.data.layout.rangeOf(type, decoded.index);
}
