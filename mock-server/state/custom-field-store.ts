import type { CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';

/**
 * Where custom field values set by POST live. Small on purpose, so that a durable store can
 * stand in for the in-memory one without touching the handlers.
 */
export interface CustomFieldStore {
  get(agency: string, objectId: string, fieldId: string): CustomFieldScalar | undefined;
  set(agency: string, objectId: string, fieldId: string, value: CustomFieldScalar): void;
  entries(): { agency: string; objectId: string; fieldId: string; value: CustomFieldScalar }[];
  clear(): void;
}

export class InMemoryCustomFieldStore implements CustomFieldStore {
  private readonly values = new Map<string, CustomFieldScalar>();

  private static key(agency: string, objectId: string, fieldId: string): string {
    return `${agency}\u0000${objectId}\u0000${fieldId}`;
  }

  get(agency: string, objectId: string, fieldId: string): CustomFieldScalar | undefined {
    return this.values.get(InMemoryCustomFieldStore.key(agency, objectId, fieldId));
  }

  set(agency: string, objectId: string, fieldId: string, value: CustomFieldScalar): void {
    this.values.set(InMemoryCustomFieldStore.key(agency, objectId, fieldId), value);
  }

  entries(): { agency: string; objectId: string; fieldId: string; value: CustomFieldScalar }[] {
    return [...this.values].map(([key, value]) => {
      const [agency = '', objectId = '', fieldId = ''] = key.split('\u0000');
      return { agency, objectId, fieldId, value };
    });
  }

  clear(): void {
    this.values.clear();
  }
}
