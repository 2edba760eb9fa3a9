import type { operations } from '../generated/v4-contacts.js';
import type { CustomFieldScalar, CustomFieldValue } from '../contract-types.js';
import type { Requester } from '../request.js';
import { segment, type CallOptions } from './call-options.js';

type DefinitionPage = operations['getCustomFieldDefinitions']['responses'][200]['content']['application/json'];

export interface CustomFieldsResource {
  /** The custom fields an object (any contact's or branch's OID) has. */
  definitions(objectID: string, options?: CallOptions): Promise<DefinitionPage>;
  get(objectID: string, fieldID: string, options?: CallOptions): Promise<CustomFieldValue>;
  /** Sets the value (checked by the server against the field's `DataType` and `Options`). */
  set(objectID: string, fieldID: string, value: CustomFieldScalar, options?: CallOptions): Promise<CustomFieldValue>;
}

// The quirk is the real API's: `object` (singular) for definitions, `objects` for values.
export function customFieldsResource(request: Requester): CustomFieldsResource {
  return {
    definitions: (objectID, { signal }: CallOptions = {}) =>
      request({ method: 'GET', path: `/company/object/${segment(objectID)}/customfield`, signal }),
    get: (objectID, fieldID, { signal }: CallOptions = {}) =>
      request({ method: 'GET', path: `/company/objects/${segment(objectID)}/${segment(fieldID)}/value`, signal }),
    // Setting a value is idempotent, so the requester may safely retry it after a 5xx.
    set: (objectID, fieldID, value, { signal }: CallOptions = {}) =>
      request({
        method: 'POST',
        path: `/company/objects/${segment(objectID)}/${segment(fieldID)}/customfield`,
        body: { Value: value },
        signal,
      }),
  };
}
