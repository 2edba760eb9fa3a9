// Provider documents for drift's tests: our contract with one route removed and one property
// renamed, as OpenAPI 3.x and converted to Swagger 2.0 (the form agentOS publishes).
import { contractDocument, type JsonObject } from '../../support/contract-document.js';

export interface EditedDocument {
  readonly document: JsonObject;
  readonly removedRoute: string;
  readonly renamed: { readonly schema: string; readonly from: string; readonly to: string };
}

/** A deep copy of our contract without `removedPath` and with `property` renamed where it is defined. */
export function editedContract(removedPath: string, property: string): EditedDocument {
  const document = structuredClone(contractDocument) as JsonObject;
  const paths = document.paths as JsonObject;
  if (!paths[removedPath]) throw new Error(`the contract has no path ${removedPath}`);
  delete paths[removedPath];
  const schemas = (document.components as JsonObject).schemas as Record<string, JsonObject>;
  const rename = (node: JsonObject): boolean => {
    const properties = node.properties as JsonObject | undefined;
    if (properties && property in properties) {
      properties[`Renamed${property}`] = properties[property];
      delete properties[property];
      if (Array.isArray(node.required))
        node.required = node.required.map((name) => (name === property ? `Renamed${property}` : name));
      return true;
    }
    return ((node.allOf as JsonObject[] | undefined) ?? []).some(rename);
  };
  const owner = Object.entries(schemas).find(([, schema]) => rename(schema));
  if (!owner) throw new Error(`no schema defines ${property}`);
  return {
    document,
    removedRoute: removedPath,
    renamed: { schema: owner[0], from: property, to: `Renamed${property}` },
  };
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace('#/components/schemas/', '#/definitions/')
        : rewriteRefs(inner),
    ]),
  );
}

/** The same document as Swagger 2.0: definitions, typed parameters, response `schema`. */
export function toSwagger2(document: JsonObject): JsonObject {
  const components = document.components as JsonObject;
  const resolveParameter = (parameter: JsonObject): JsonObject => {
    if (typeof parameter.$ref !== 'string') return parameter;
    return (components.parameters as JsonObject)[parameter.$ref.split('/').at(-1) as string] as JsonObject;
  };
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(document.paths as Record<string, JsonObject>)) {
    const converted: JsonObject = {};
    for (const [method, operation] of Object.entries(item) as [string, JsonObject][]) {
      const parameters = ((operation.parameters as JsonObject[] | undefined) ?? [])
        .map(resolveParameter)
        .map((parameter) => {
          const schema = parameter.schema as JsonObject | undefined;
          return {
            name: parameter.name,
            in: parameter.in,
            required: parameter.required === true,
            type: schema?.type ?? 'string',
          };
        });
      const ok = (operation.responses as JsonObject)['200'] as JsonObject | undefined;
      const schema = ((ok?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema;
      converted[method] = {
        operationId: operation.operationId,
        parameters,
        responses: { '200': { description: 'OK', ...(schema ? { schema: rewriteRefs(schema) } : {}) } },
      };
    }
    paths[path] = converted;
  }
  return {
    swagger: '2.0',
    info: { title: 'agentOS V4.Contacts (test copy)', version: 'v4' },
    host: 'live-api.letmc.com',
    basePath: '/',
    paths,
    definitions: rewriteRefs(components.schemas),
  };
}
