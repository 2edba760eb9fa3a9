import type { CustomFieldDefinition, CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_TEXT_LENGTH = 2000;

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Why a value does not fit a definition, or undefined when it does. */
export function customFieldValueProblem(
  definition: CustomFieldDefinition,
  value: CustomFieldScalar,
): string | undefined {
  switch (definition.DataType) {
    case 'Text':
      if (typeof value !== 'string') return `must be text for the Text field ${definition.FieldID}`;
      if (value.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
      return undefined;
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `must be a number for the Number field ${definition.FieldID}`;
    case 'Boolean':
      return typeof value === 'boolean'
        ? undefined
        : `must be true or false for the Boolean field ${definition.FieldID}`;
    case 'Date':
      return typeof value === 'string' && isRealDate(value)
        ? undefined
        : `must be a date as YYYY-MM-DD for the Date field ${definition.FieldID}`;
    case 'List':
      return typeof value === 'string' && definition.Options?.includes(value)
        ? undefined
        : `must be one of ${(definition.Options ?? []).join(', ')}`;
  }
}
