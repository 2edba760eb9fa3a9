import type { CustomFieldDefinition, CustomFieldObjectKind } from '../../fixtures/records/custom-field-catalogue.js';
import { parseObjectId } from '../../fixtures/records/object-id.js';
import type { Agency } from '../state/agency.js';
import { ProblemError } from '../pipeline/problems.js';

/** The kind of an object that carries custom fields (a contact or a branch), or a 404. */
export function customFieldObjectKind(agency: Agency, objectId: string): CustomFieldObjectKind {
  const decoded = parseObjectId(objectId);
  if (decoded && decoded.kind === 'branch' && decoded.index < agency.data.settings.branches) return 'branch';
  if (
    decoded &&
    decoded.kind !== 'branch' &&
    decoded.kind !== 'person' &&
    decoded.index < agency.data.count(decoded.kind)
  ) {
    return decoded.kind;
  }
  throw new ProblemError('not-found', `No contact or branch of agency ${agency.shortName} has the ID ${objectId}.`);
}

/** One field's definition on an object, or a 404 naming both. */
export function customFieldDefinition(agency: Agency, objectId: string, fieldId: string): CustomFieldDefinition {
  const definition = agency.data
    .customFieldDefinitions(customFieldObjectKind(agency, objectId))
    .find((field) => field.FieldID === fieldId);
  if (!definition) throw new ProblemError('not-found', `Object ${objectId} has no custom field ${fieldId}.`);
  return definition;
}
