import type { CatalogueField } from '../../fixtures/records/custom-field-catalogue.js';

// A date-time as agentOS writes them; the `Z` of `--dates utc` is accepted too.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})Z?$/;
export const MAX_TEXT_LENGTH = 2000;

function isRealDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const date = new Date(`${match[1]}T00:00:00Z`);
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map(Number) as [number, number, number];
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().startsWith(match[1] as string) &&
    hours < 24 &&
    minutes < 60 &&
    seconds < 60
  );
}

/** Why a value does not fit a field's type in the mock's catalogue, or undefined when it does. */
export function customFieldValueProblem(field: CatalogueField, value: unknown): string | undefined {
  const name = `the ${field.DataType} field "${field.FieldName}"`;
  switch (field.DataType) {
    case 'Text':
      if (typeof value !== 'string') return `must be text for ${name}`;
      if (value.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
      return undefined;
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number for ${name}`;
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false for ${name}`;
    case 'Date':
      return typeof value === 'string' && isRealDateTime(value)
        ? undefined
        : `must be a date-time as YYYY-MM-DDTHH:MM:SS for ${name}`;
    case 'List':
      return typeof value === 'string' && field.Options?.includes(value)
        ? undefined
        : `must be one of ${(field.Options ?? []).join(', ')} for ${name}`;
  }
}
