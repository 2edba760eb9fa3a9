import { loadContract, resolveRef, type OpenApiDocument, type SchemaObject } from './contract.js';

export const FIDELITY_TABLE_START =
  '<!-- fidelity-table:start (npm run fidelity -- --write writes this table from contracts/v4-contacts.openapi.yaml) -->';
export const FIDELITY_TABLE_END = '<!-- fidelity-table:end -->';

const EVIDENCE = 'x-agentos-evidence';
const ASSUMPTION = 'x-kit-assumption';

interface Row {
  readonly subject: string;
  readonly confidence: 'agentOS evidence' | 'kit assumption';
  readonly source: string;
}

function labelled(subject: string, node: Record<string, unknown>): Row | undefined {
  if (typeof node[EVIDENCE] === 'string') return { subject, confidence: 'agentOS evidence', source: node[EVIDENCE] };
  if (typeof node[ASSUMPTION] === 'string') return { subject, confidence: 'kit assumption', source: node[ASSUMPTION] };
  return undefined;
}

/** Every labelled property of a schema, through `allOf`, named `Schema.Property`. */
function propertyRows(document: OpenApiDocument, name: string, schema: SchemaObject, rows: Row[]): void {
  const resolved = resolveRef<SchemaObject>(document, schema);
  for (const part of (resolved.allOf as SchemaObject[] | undefined) ?? []) {
    if (!('$ref' in part)) propertyRows(document, name, part, rows);
  }
  for (const [property, value] of Object.entries((resolved.properties as Record<string, SchemaObject>) ?? {})) {
    const row = labelled(`${name}.${property}`, value as Record<string, unknown>);
    if (row) rows.push(row);
  }
}

/** Every field (schema property) and behaviour (labelled operation, response, parameter, header). */
export function fidelityRows(document: OpenApiDocument = loadContract().document): Row[] {
  const rows: Row[] = [];
  for (const [name, schema] of Object.entries(document.components.schemas)) propertyRows(document, name, schema, rows);
  const components = document.components as unknown as Record<string, Record<string, Record<string, unknown>>>;
  for (const section of ['parameters', 'headers', 'responses']) {
    for (const [name, node] of Object.entries(components[section] ?? {})) {
      const row = labelled(`${section}: ${name}`, node);
      if (row) rows.push(row);
    }
  }
  const paths = document.paths as unknown as Record<string, Record<string, Record<string, unknown>>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      const id = String(operation.operationId);
      const row = labelled(`operation: ${id}`, operation);
      if (row) rows.push(row);
      for (const [status, response] of Object.entries(
        (operation.responses as Record<string, Record<string, unknown>>) ?? {},
      )) {
        const responseRow = labelled(`response: ${id} ${status}`, response);
        if (responseRow) rows.push(responseRow);
      }
    }
  }
  return rows;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function fidelityTableMarkdown(document?: OpenApiDocument): string {
  const rows = fidelityRows(document).map(
    (row) => `| \`${cell(row.subject)}\` | ${row.confidence} | ${cell(row.source)} |`,
  );
  return ['| field or behaviour | confidence | source or what is known |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README with its fidelity table replaced by the current one. */
export function withFidelityTable(readme: string, document?: OpenApiDocument): string {
  const start = readme.indexOf(FIDELITY_TABLE_START);
  const end = readme.indexOf(FIDELITY_TABLE_END);
  if (start === -1 || end < start)
    throw new Error(`README.md has no ${FIDELITY_TABLE_START} ... ${FIDELITY_TABLE_END} block`);
  const table = `<!-- prettier-ignore-start -->\n${fidelityTableMarkdown(document)}\n<!-- prettier-ignore-end -->`;
  return `${readme.slice(0, start + FIDELITY_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
