/** One field of the control API's catalogue (GET /__mock/customfields). */
export interface CatalogueEntry {
  readonly ID: string;
  readonly DataType: 'Text' | 'Number' | 'Date' | 'Boolean' | 'List';
  readonly PersonalData: boolean;
  readonly AppliesTo: readonly string[];
}

/**
 * The ID of a field of a data type on tenants, by default one that holds no personal data (so
 * consent never withholds its value): what tests that write and read values back need.
 */
export function fieldOfType(
  catalogue: unknown,
  type: CatalogueEntry['DataType'],
  options: { readonly appliesTo?: string; readonly personal?: 'never' | 'any' } = {},
): string {
  const { appliesTo = 'Tenant', personal = 'never' } = options;
  const fields = (catalogue as { CustomFields: CatalogueEntry[] }).CustomFields;
  const field = fields.find(
    (entry) =>
      entry.DataType === type && (personal === 'any' || !entry.PersonalData) && entry.AppliesTo.includes(appliesTo),
  );
  if (!field) {
    throw new Error(`the catalogue has no ${personal === 'any' ? '' : 'non-personal '}${type} field on ${appliesTo}`);
  }
  return field.ID;
}
