import type { CatalogueField, CustomFieldObjectKind } from '../../fixtures/records/custom-field-catalogue.js';
import type { Agency } from '../state/agency.js';
import { ProblemError } from '../pipeline/problems.js';

/** An object that carries custom fields (a contact or a branch), or undefined. */
export interface CustomFieldObject {
  readonly kind: CustomFieldObjectKind;
  readonly index: number;
}

/** The contact or branch an OID names in this agency, or undefined. */
export function findCustomFieldObject(agency: Agency, objectId: string): CustomFieldObject | undefined {
  const decoded = agency.data.resolve(objectId);
  if (!decoded || decoded.kind === 'person' || decoded.kind === 'customField') return undefined;
  return { kind: decoded.kind, index: decoded.index };
}

/** The contact or branch an OID names, or a 404. */
export function customFieldObject(agency: Agency, objectId: string): CustomFieldObject {
  const found = findCustomFieldObject(agency, objectId);
  if (!found) {
    throw new ProblemError('not-found', `No contact or branch of agency ${agency.shortName} has the ID ${objectId}.`);
  }
  return found;
}

/** One field of an object, by its opaque ID, or undefined when the object does not carry it. */
export function findCustomField(
  agency: Agency,
  object: CustomFieldObject,
  fieldId: string,
): CatalogueField | undefined {
  const decoded = agency.data.resolve(fieldId);
  if (decoded?.kind !== 'customField') return undefined;
  return agency.data.customFieldsOf(object.kind).find((field) => field.position === decoded.index);
}

/** One field's definition on an object, or a 404 naming both. */
export function customFieldOf(
  agency: Agency,
  object: CustomFieldObject,
  objectId: string,
  fieldId: string,
): CatalogueField {
  const field = findCustomField(agency, object, fieldId);
  if (!field) throw new ProblemError('not-found', `Object ${objectId} has no custom field ${fieldId}.`);
  return field;
}

/** Whether a field's value is withheld: it holds personal data and the object's person has not consented. */
export function isWithheld(agency: Agency, object: CustomFieldObject, field: CatalogueField): boolean {
  return field.PersonalData && object.kind !== 'branch' && !agency.isConsented(object.kind, object.index);
}
