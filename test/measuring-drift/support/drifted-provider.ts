// A provider that drifted from our contract, built from the contract itself (so it follows
// the contract as it changes): on tenant answers one required string property is renamed, a
// required boolean dropped, a number sent as a string, a date-time sent as a date, a property
// added; and every list's total is sent as a string.
import { deref, findOperation, type JsonObject } from '../../support/contract-document.js';
import { propertiesOf, successSchema } from './reading-rewrites.js';
import type { AnswerRewrite } from './rewriting-proxy.js';

function requiredOf(schema: unknown, depth = 0): Set<string> {
  const resolved = deref(schema);
  const required = new Set<string>((resolved.required as string[] | undefined) ?? []);
  if (depth < 10)
    for (const branch of (resolved.allOf as unknown[] | undefined) ?? [])
      for (const name of requiredOf(branch, depth + 1)) required.add(name);
  return required;
}

/** A date or date-time as the contract writes it: by `format`, or by a `pattern` of YYYY-MM-DD. */
function isDate(node: JsonObject): boolean {
  if (/^date/.test(String(node.format))) return true;
  return typeof node.pattern === 'string' && /^\^?\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(node.pattern);
}

export interface DriftPlan {
  readonly renamed: { readonly from: string; readonly to: string };
  readonly dropped: string;
  readonly retyped: string;
  readonly dated: string;
  readonly added: string;
}

/** Picks the tenant properties to drift from the contract's tenant schema. */
export function driftPlan(): DriftPlan {
  const schema = successSchema({ method: 'GET', path: '/v4/contacts/demo/tenants/any-id', search: '' });
  if (!findOperation('GET', '/v4/contacts/demo/tenants/any-id') || !schema)
    throw new Error('the contract has no tenant route');
  const properties = [...propertiesOf(schema)].map(([name, node]) => ({ name, node: deref(node) as JsonObject }));
  const required = requiredOf(schema);
  const pick = (what: string, test: (property: { name: string; node: JsonObject }) => boolean, last = false) => {
    const matches = properties.filter(test);
    const found = last ? matches.at(-1) : matches[0];
    if (!found) throw new Error(`the tenant schema has no ${what}`);
    return found.name;
  };
  const from = pick(
    'required plain string',
    ({ name, node }) =>
      required.has(name) && node.type === 'string' && !node.format && !node.pattern && !/(ID|Tag)$/.test(name),
  );
  return {
    renamed: { from, to: `Tenancy${from}` },
    dropped: pick('required boolean', ({ name, node }) => required.has(name) && node.type === 'boolean', true),
    retyped: pick('number', ({ node }) => node.type === 'number'),
    // The last required date of the record's own fields (the shared ones come first).
    dated: pick('required date', ({ name, node }) => required.has(name) && isDate(node), true),
    added: 'LoyaltyTier',
  };
}

function driftRecord(record: JsonObject, plan: DriftPlan): void {
  if (plan.renamed.from in record) {
    record[plan.renamed.to] = record[plan.renamed.from];
    delete record[plan.renamed.from];
  }
  delete record[plan.dropped];
  if (typeof record[plan.retyped] === 'number') record[plan.retyped] = String(record[plan.retyped]);
  if (typeof record[plan.dated] === 'string') record[plan.dated] = (record[plan.dated] as string).slice(0, 10);
  record[plan.added] = 'Gold';
}

export function driftedProvider(plan: DriftPlan): AnswerRewrite {
  return (answer, request) => {
    if (answer.status !== 200 || answer.json === null || typeof answer.json !== 'object') return;
    const body = answer.json as JsonObject;
    if (typeof body.Count === 'number') body.Count = String(body.Count);
    if (!/\/tenants\//.test(request.path)) return;
    const records = Array.isArray(body.Data) ? (body.Data as JsonObject[]) : [body];
    for (const record of records) driftRecord(record, plan);
  };
}
