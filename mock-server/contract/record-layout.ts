import { CONTACT_TYPE_KEYS, CONTACT_TYPES, type ContactTypeKey } from '../../fixtures/contact-types.js';
import { CONTACT_FIELDS } from '../../fixtures/records/contact-fields.js';
import type { OpenApiDocument } from './contract.js';
import { propertiesOf } from './personal-data-marks.js';

/** How one contact type's records are written as JSON: its properties and their key fragments. */
export interface RecordLayout {
  /** The data set's field list of the type (the same array, which the JSON sink checks for). */
  readonly fields: readonly string[];
  /** `{"OID":` for the first property, `,"Name":` for every other: escaped once, here. */
  readonly keys: readonly string[];
}

export type RecordLayouts = Readonly<Record<ContactTypeKey, RecordLayout>>;

/**
 * Compiles each contact type's layout from its schema's property order in the contract. The data
 * set writes its fields in its own table's order, so start-up fails when the two differ: a
 * property added to the contract must be added to the data set too, in the same place.
 */
export function recordLayouts(document: OpenApiDocument): RecordLayouts {
  return Object.fromEntries(
    CONTACT_TYPE_KEYS.map((type) => {
      const { schemaName } = CONTACT_TYPES[type];
      const schema = document.components.schemas[schemaName];
      if (!schema) throw new Error(`the contract has no schema ${schemaName}`);
      const properties = [...propertiesOf(document, schema).keys()];
      const fields = CONTACT_FIELDS[type];
      if (properties.join() !== fields.join()) {
        throw new Error(
          `the contract's ${schemaName} has the properties ${properties.join(', ')}, but the data set writes ${fields.join(', ')}`,
        );
      }
      const keys = properties.map((name, position) => `${position === 0 ? '{' : ','}${JSON.stringify(name)}:`);
      return [type, { fields, keys }];
    }),
  ) as unknown as RecordLayouts;
}
