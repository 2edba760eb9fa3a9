import type { CustomFieldScalar } from '../../fixtures/records/custom-field-catalogue.js';
import type { ConsentOverride } from '../consent/consent-overrides.js';
import type { StateChange } from './state-store.js';

/** Custom field values and consent overrides as plain lists: what the state file and Redis hold. */
export interface StateSnapshot {
  readonly customFieldValues: readonly {
    agency: string;
    objectId: string;
    fieldId: string;
    value: CustomFieldScalar;
  }[];
  readonly consentOverrides: readonly { agency: string; personId: string; consented: boolean; day: number }[];
}

export const EMPTY_SNAPSHOT: StateSnapshot = { customFieldValues: [], consentOverrides: [] };

const SEPARATOR = '\u0000';

/** The field a value is kept under, in memory and in Redis: IDs are opaque strings here. */
export function valueField(agency: string, objectId: string, fieldId: string): string {
  return `${agency}${SEPARATOR}${objectId}${SEPARATOR}${fieldId}`;
}

export function consentField(agency: string, personId: string): string {
  return `${agency}${SEPARATOR}${personId}`;
}

export function splitField(field: string): string[] {
  return field.split(SEPARATOR);
}

/**
 * This process's view of the shared values and overrides, read synchronously on every request.
 * `version` changes with every change anywhere (on every replica of a shared store), so caches
 * keyed by it never serve what an older state produced.
 */
export class LiveState {
  private values = new Map<string, CustomFieldScalar>();
  private overrides = new Map<string, Map<string, ConsentOverride>>();
  version = 0;

  customFieldValue(agency: string, objectId: string, fieldId: string): CustomFieldScalar | undefined {
    return this.values.get(valueField(agency, objectId, fieldId));
  }

  /** False when the agency has no override at all: the common case skips formatting person IDs. */
  hasConsentOverrides(agency: string): boolean {
    return (this.overrides.get(agency)?.size ?? 0) > 0;
  }

  consentOverride(agency: string, personId: string): ConsentOverride | undefined {
    return this.overrides.get(agency)?.get(personId);
  }

  /** Every override of an agency, by PersonID (the omit index takes in only what changed). */
  consentOverridesOf(agency: string): ReadonlyMap<string, ConsentOverride> {
    return this.overrides.get(agency) ?? new Map();
  }

  /** Applies changes to values and overrides (other kinds are the clock's and the journal's). */
  apply(changes: readonly StateChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case 'custom-field-value':
          this.values.set(valueField(change.agency, change.objectId, change.fieldId), change.value);
          break;
        case 'consent-set': {
          let people = this.overrides.get(change.agency);
          if (!people) this.overrides.set(change.agency, (people = new Map()));
          people.set(change.personId, { consented: change.consented, day: change.day });
          break;
        }
        case 'consent-cleared':
          this.overrides.get(change.agency)?.delete(change.personId);
          break;
        case 'reset':
          this.values.clear();
          this.overrides.clear();
          break;
        default:
          continue;
      }
    }
  }

  /** Replaces everything with a snapshot read from a store. */
  replace(snapshot: StateSnapshot, version: number): void {
    this.values = new Map();
    this.overrides = new Map();
    this.apply(snapshotChanges(snapshot));
    this.version = version;
  }

  snapshot(): StateSnapshot {
    return {
      customFieldValues: [...this.values].map(([field, value]) => {
        const [agency = '', objectId = '', fieldId = ''] = splitField(field);
        return { agency, objectId, fieldId, value };
      }),
      consentOverrides: [...this.overrides].flatMap(([agency, people]) =>
        [...people].map(([personId, { consented, day }]) => ({ agency, personId, consented, day })),
      ),
    };
  }

  /** Whether any of the changes touches what the state file keeps. */
  static changesData(changes: readonly StateChange[]): boolean {
    return changes.some((change) => change.kind !== 'clock-advanced' && change.kind !== 'journal-cleared');
  }
}

export function snapshotChanges(snapshot: StateSnapshot): StateChange[] {
  return [
    ...snapshot.customFieldValues.map((entry) => ({ kind: 'custom-field-value' as const, ...entry })),
    ...snapshot.consentOverrides.map((entry) => ({ kind: 'consent-set' as const, ...entry })),
  ];
}
