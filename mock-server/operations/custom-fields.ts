import { initialCustomFieldValue, type CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';
import type { CatalogueField } from '../../fixtures/records/custom-field-catalogue.js';
import type { Agency } from '../state/agency.js';
import type { LiveState } from '../state/live-state.js';
import { ProblemError } from '../pipeline/problems.js';
import { customFieldObject, customFieldOf, isWithheld, type CustomFieldObject } from './custom-field-object.js';
import { customFieldValueProblem } from './custom-field-value-check.js';
import type { OperationHandler } from './handler-context.js';

/** A field's value as a reader sees it: stored, else seeded; null when unset or withheld. */
function valueOf(
  agency: Agency,
  store: Pick<LiveState, 'customFieldValue'>,
  object: CustomFieldObject,
  objectId: string,
  field: CatalogueField,
): CustomFieldScalar | null {
  if (isWithheld(agency, object, field)) return null;
  const fieldId = agency.data.oid('customField', field.position);
  return (
    store.customFieldValue(agency.shortName, objectId, fieldId) ??
    initialCustomFieldValue(agency.data.settings.seed, objectId, field, agency.data.utc)
  );
}

/** agentOS's V4 shape: `{ CustomFields: [{ ID, TabName, GroupName, FieldName, Value }] }`; no data type. */
export const getCustomFieldDefinitions: OperationHandler = ({ params, agency, customFields }) => {
  const objectId = params.objectID as string;
  const object = customFieldObject(agency, objectId);
  const fields = agency.data.customFieldsOf(object.kind).map((field) => ({
    ID: agency.data.oid('customField', field.position),
    TabName: field.TabName,
    GroupName: field.GroupName,
    FieldName: field.FieldName,
    Value: valueOf(agency, customFields, object, objectId, field),
  }));
  // Not cacheable: a POST may change a value at any time.
  return { status: 200, body: { CustomFields: fields }, cacheable: false };
};

/** "The value of the custom field only": the bare JSON value. */
export const getCustomFieldValue: OperationHandler = ({ params, agency, customFields }) => {
  const objectId = params.objectID as string;
  const object = customFieldObject(agency, objectId);
  const field = customFieldOf(agency, object, objectId, params.fieldID as string);
  return { status: 200, body: valueOf(agency, customFields, object, objectId, field), cacheable: false };
};

/** Checks the value against the catalogue's type (wrong type: 400), stores it, answers it bare. */
export const setCustomFieldValue: OperationHandler = ({ params, body, agency }) => {
  const objectId = params.objectID as string;
  const object = customFieldObject(agency, objectId);
  const field = customFieldOf(agency, object, objectId, params.fieldID as string);
  const value = (body as { Value: unknown }).Value;
  const problem = customFieldValueProblem(field, value);
  if (problem)
    throw new ProblemError('custom-field-value-invalid', `Value: ${problem}`, [
      { name: 'Value', in: 'body', reason: problem },
    ]);
  const fieldId = agency.data.oid('customField', field.position);
  // The store saves the change before it applies it: a failed save is a 503 and changes nothing.
  return {
    status: 200,
    body: value,
    cacheable: false,
    changes: [
      { kind: 'custom-field-value', agency: agency.shortName, objectId, fieldId, value: value as CustomFieldScalar },
    ],
  };
};
