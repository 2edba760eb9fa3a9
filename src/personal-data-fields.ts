import type { ContactRecord } from './contract-types.js';
import { GENERATED_PERSONAL_DATA_FIELDS } from './generated/personal-data-fields.js';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * The record properties the contract marks `x-personal-data: true`, in contract order. The
 * generated types do not carry the mark, so `npm run generate:client-types` writes this list
 * beside them from the same contract (and `check:client-types` fails when it is stale); the
 * `satisfies` holds the two generated files to each other.
 */
export const PERSONAL_DATA_FIELDS = GENERATED_PERSONAL_DATA_FIELDS satisfies ReadonlyArray<KeysOfUnion<ContactRecord>>;

export type PersonalDataField = (typeof PERSONAL_DATA_FIELDS)[number];
