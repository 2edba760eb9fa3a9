import { initialCustomFieldValue, type CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';
import { ProblemError } from '../pipeline/problems.js';
import { customFieldDefinition, customFieldObjectKind } from './custom-field-object.js';
import { customFieldValueProblem } from './custom-field-value-check.js';
import type { OperationHandler } from './handler-context.js';

export const getCustomFieldDefinitions: OperationHandler = ({ params, agency }) => {
  const definitions = agency.data.customFieldDefinitions(customFieldObjectKind(agency, params.objectID as string));
  return { status: 200, body: { Count: definitions.length, Data: definitions }, cacheable: true };
};

export const getCustomFieldValue: OperationHandler = ({ params, agency, customFields }) => {
  const objectId = params.objectID as string;
  const definition = customFieldDefinition(agency, objectId, params.fieldID as string);
  const value =
    customFields.customFieldValue(agency.shortName, objectId, definition.FieldID) ??
    initialCustomFieldValue(agency.data.settings.seed, objectId, definition);
  const body = { ObjectID: objectId, FieldID: definition.FieldID, DataType: definition.DataType, Value: value };
  // Not cacheable: a POST may change the value at any time.
  return { status: 200, body, cacheable: false };
};

export const setCustomFieldValue: OperationHandler = ({ params, body, agency }) => {
  const objectId = params.objectID as string;
  const definition = customFieldDefinition(agency, objectId, params.fieldID as string);
  const value = (body as { Value: CustomFieldScalar }).Value;
  const problem = customFieldValueProblem(definition, value);
  if (problem)
    throw new ProblemError('custom-field-value-invalid', `Value: ${problem}`, [
      { name: 'Value', in: 'body', reason: problem },
    ]);
  return {
    status: 200,
    body: { ObjectID: objectId, FieldID: definition.FieldID, DataType: definition.DataType, Value: value },
    cacheable: false,
    changes: [{ kind: 'custom-field-value', agency: agency.shortName, objectId, fieldId: definition.FieldID, value }],
  };
};
