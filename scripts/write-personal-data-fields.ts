// Part of `npm run generate:client-types`: writes the contract's `x-personal-data` record
// properties as src/generated/personal-data-fields.ts, so the client's list follows the contract
// (a renamed field is one regeneration, not a hand edit). `--check` fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadContract, resolveRef, type SchemaObject } from '../mock-server/contract/contract.js';
import { personalDataPlan } from '../mock-server/contract/personal-data-marks.js';

const OUTPUT = 'src/generated/personal-data-fields.ts';
/** The list operations of the five contact types: their records are what consent governs. */
const LIST_OPERATIONS = [
  'listTenants',
  'listLandlords',
  'listLettingsApplicants',
  'listSalesApplicants',
  'listVendors',
];

const { document } = loadContract();

function recordSchema(operationId: string): SchemaObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId !== operationId) continue;
      type Response = { content?: Record<string, { schema?: SchemaObject }> };
      const declared = (operation as unknown as { responses: Record<string, Response> }).responses['200'];
      const response = resolveRef<Response>(document, declared ?? {});
      const page = resolveRef<SchemaObject>(document, response.content?.['application/json']?.schema ?? {});
      const data = [page, ...((page.allOf as SchemaObject[] | undefined) ?? [])]
        .map((part) => resolveRef<SchemaObject>(document, part))
        .map((part) => (part.properties as Record<string, SchemaObject> | undefined)?.Data)
        .find(Boolean);
      if (data) return resolveRef<SchemaObject>(document, data).items as SchemaObject;
    }
  }
  throw new Error(`the contract has no list operation ${operationId} with a Data array`);
}

const fields = [...new Set(LIST_OPERATIONS.flatMap((id) => [...personalDataPlan(document, recordSchema(id)).marked]))];
const text = `// Generated from contracts/v4-contacts.openapi.yaml by scripts/write-personal-data-fields.ts: do not edit.
export const GENERATED_PERSONAL_DATA_FIELDS = [
${fields.map((field) => `  '${field}',`).join('\n')}
] as const;
`;

if (process.argv.includes('--check')) {
  if (readFileSync(OUTPUT, 'utf8') !== text) {
    process.stderr.write(`${OUTPUT} is stale: run npm run generate:client-types and commit the result.\n`);
    process.exit(1);
  }
} else {
  writeFileSync(OUTPUT, text);
}
