import { templatePattern } from '../../mock-server/contract/path-template.js';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { join } from 'node:path';
import {
  contractsDirectory,
  listOperations,
  loadContract,
  resolveRef,
  type ContractOperation,
  type OpenApiDocument,
  type SchemaObject,
} from '../../mock-server/contract/contract.js';
import { personalDataPlan } from '../../mock-server/contract/personal-data-marks.js';
import { ProblemError } from '../../mock-server/pipeline/problems.js';
import { RequestValidator } from '../../mock-server/contract/request-validation.js';
import { exampleBody, interactionLabel, loadPact, statesOf, type PactInteraction } from './pact-files.js';
import { anchorRefs } from '../../mock-server/contract/anchor-refs.js';
import { labelFindings, loadContradictions, type Contradiction } from './evidence-labels.js';

/** Where the contract and the contradicted-by-evidence list come from (the kit's own by default). */
export interface CheckOptions {
  /** An OpenAPI document to check against instead of contracts/v4-contacts.openapi.yaml. */
  readonly contractFile?: string;
  /** The list of properties agentOS's evidence contradicts; default contracts/agentos-contradicted.json. */
  readonly contradictedFile?: string;
}

export const CONTRADICTED_FILE = 'agentos-contradicted.json';

export interface CheckResult {
  readonly pactFile: string;
  readonly description: string;
  readonly label: string;
  readonly operationId: string | undefined;
  readonly ok: boolean;
  readonly reasons: string[];
  /** Not failures: expected properties the contract labels as the kit's assumptions. */
  readonly warnings: string[];
}

const DOCUMENT_ID = 'https://agentos-contacts-kit/v4-contacts.json';

/**
 * The contract as a consumer's expectations are held to it (bi-directional style): an example may
 * leave out fields it does not use (`required` dropped), but may not expect a field the contract
 * does not have (`unevaluatedProperties: false` on every object that is not an `allOf` branch).
 */
function expectationSchemas(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const schemas = copy.components.schemas as Record<string, SchemaObject>;
  const branchNames = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    for (const branch of ((node as SchemaObject).allOf as SchemaObject[] | undefined) ?? [])
      if (typeof branch.$ref === 'string') branchNames.add(branch.$ref.split('/').pop() as string);
    Object.values(node).forEach(collect);
  };
  collect(schemas);
  const relax = (node: unknown, isBranch: boolean): void => {
    if (Array.isArray(node)) return node.forEach((item) => relax(item, false));
    if (!node || typeof node !== 'object') return;
    const schema = node as SchemaObject;
    if (Array.isArray(schema.required)) delete schema.required;
    if (Array.isArray(schema.allOf)) {
      schema.unevaluatedProperties = false;
      for (const branch of schema.allOf as SchemaObject[]) relax(branch, true);
    } else if (schema.properties && !isBranch && schema.additionalProperties === undefined) {
      schema.unevaluatedProperties = false;
    }
    for (const [key, value] of Object.entries(schema)) if (key !== 'allOf') relax(value, false);
  };
  for (const [name, schema] of Object.entries(schemas)) relax(schema, branchNames.has(name));
  return copy;
}

/** Ajv's `/Data/0` as `$.Data[0]`. */
const jsonPath = (pointer: string): string =>
  `$${pointer.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\/([^/[]+)/g, '.$1')}`;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function queryOf(query: PactInteraction['request']['query']): Record<string, string> {
  if (!query) return {};
  if (typeof query === 'string') return Object.fromEntries(new URLSearchParams(query));
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    const one = first(value);
    if (one !== undefined) flat[name] = one;
  }
  return flat;
}

/** Properties across `allOf`, references resolved. */
function propertiesOf(document: OpenApiDocument, schema: SchemaObject): Map<string, SchemaObject> {
  const properties = new Map<string, SchemaObject>();
  const resolved = resolveRef<SchemaObject>(document, schema);
  for (const branch of (resolved.allOf as SchemaObject[] | undefined) ?? [])
    for (const [name, property] of propertiesOf(document, branch)) properties.set(name, property);
  for (const [name, property] of Object.entries((resolved.properties as Record<string, SchemaObject>) ?? {}))
    properties.set(name, property);
  return properties;
}

/**
 * Checks pact files against the contract, with no provider running: each interaction's request
 * must fit the operation it hits (or not fit, when it expects a 400), its response status must be
 * declared, its example body must fit that status's schema, and no example of a person without
 * consent may carry a field the contract marks `x-personal-data`.
 */
export class PactChecker {
  private constructor(
    private readonly document: OpenApiDocument,
    private readonly operations: (ContractOperation & { regex: RegExp; params: number })[],
    private readonly validator: RequestValidator,
    private readonly ajv: Ajv2020,
    private readonly contradictions: readonly Contradiction[],
  ) {}

  static async create(options: CheckOptions = {}): Promise<PactChecker> {
    const { document } = loadContract(options.contractFile);
    const contradictions = loadContradictions(
      document,
      options.contradictedFile ?? join(contractsDirectory(), CONTRADICTED_FILE),
    );
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(expectationSchemas(document) as object, DOCUMENT_ID);
    const operations = listOperations(document)
      .map((operation) => ({
        ...operation,
        regex: templatePattern(operation.path),
        params: (operation.path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
    return new PactChecker(document, operations, await RequestValidator.create(document), ajv, contradictions);
  }

  private readonly compiled = new Map<string, ValidateFunction>();

  private compile(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(anchorRefs(schema, DOCUMENT_ID) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  checkInteraction(pactFile: string, interaction: PactInteraction): CheckResult {
    const reasons: string[] = [];
    const warnings: string[] = [];
    const { request, response } = interaction;
    const path = request.path.split('?')[0] ?? '';
    const method = request.method.toLowerCase();
    const operation = this.operations.find((op) => op.method === method && op.regex.test(path));
    const result = (ok: boolean): CheckResult => ({
      pactFile,
      description: interaction.description,
      label: interactionLabel(interaction),
      operationId: operation?.operationId,
      ok,
      reasons,
      warnings,
    });
    if (!operation) {
      reasons.push(`${request.method} ${path} is no operation of the V4 Contacts contract`);
      return result(false);
    }
    // The request: valid for its operation, unless the interaction expects the 400 that an invalid one gets.
    let requestErrors: string[] = [];
    try {
      this.validator.check(operation.operationId, {
        method,
        path,
        query: queryOf(request.query),
        headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), first(v)])),
        body: exampleBody(request.body),
      });
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      const body = (error as unknown as { errors?: { name: string; in: string; reason: string }[] }).errors;
      requestErrors = body?.map((e) => `${e.in} ${e.name}: ${e.reason}`) ?? [error.message];
    }
    if (response.status === 400 && requestErrors.length === 0)
      reasons.push('expects 400, but the request is valid for the contract (the provider would not answer 400)');
    if (response.status !== 400 && requestErrors.length > 0)
      reasons.push(...requestErrors.map((e) => `request invalid for ${operation.operationId}: ${e}`));

    // The response: declared status, and the example body against that status's schema.
    const operationObject = (
      this.document.paths[operation.path] as Record<string, { responses: Record<string, unknown> }>
    )[method];
    const declared = operationObject?.responses[String(response.status)];
    if (!declared) {
      reasons.push(`${operation.operationId} does not declare status ${response.status}`);
      return result(false);
    }
    const content =
      resolveRef<{ content?: Record<string, { schema?: SchemaObject }> }>(this.document, declared as never).content ??
      {};
    const media = content['application/json'] ?? content['application/problem+json'];
    const body = exampleBody(response.body);
    if (media?.schema && body !== undefined) {
      const labels = labelFindings(this.document, media.schema, body, this.contradictions);
      reasons.push(...labels.failures);
      warnings.push(...labels.warnings);
      const validate = this.compile(`${operation.operationId}/${response.status}`, media.schema);
      if (!validate(body)) {
        for (const error of (validate.errors ?? []).slice(0, 10)) {
          const params = error.params as { unevaluatedProperty?: string };
          if (
            params.unevaluatedProperty &&
            labels.contradictedAt.has(`${jsonPath(error.instancePath)}.${params.unevaluatedProperty}`)
          )
            continue; // already reported, with the evidence
          reasons.push(
            params.unevaluatedProperty
              ? `response body ${error.instancePath || '$'}: expects ${params.unevaluatedProperty}, which the contract does not have`
              : `response body ${error.instancePath || '$'} ${error.message ?? ''}`,
          );
        }
      }
      reasons.push(...this.personalDataReasons(interaction, media.schema, body));
    }
    return result(reasons.length === 0);
  }

  /** Fields the contract marks personal, given a value in an example of a person without consent. */
  private personalDataReasons(interaction: PactInteraction, schema: SchemaObject, body: unknown): string[] {
    const stateSaysNoConsent = statesOf(interaction).some((state) => state.params.consent === false);
    const properties = propertiesOf(this.document, schema);
    const data = properties.get('Data');
    const recordSchema = data
      ? ((resolveRef<SchemaObject>(this.document, data).items as SchemaObject | undefined) ?? data)
      : schema;
    const plan = personalDataPlan(this.document, recordSchema);
    if (plan.marked.size === 0 || !body || typeof body !== 'object') return [];
    const records: [string, Record<string, unknown>][] = data
      ? (((body as { Data?: unknown }).Data as Record<string, unknown>[] | undefined) ?? []).map((r, i) => [
          `$.Data[${i}]`,
          r,
        ])
      : [['$', body as Record<string, unknown>]];
    const reasons: string[] = [];
    for (const [where, record] of records) {
      if (!record || typeof record !== 'object') continue;
      if (!(stateSaysNoConsent || record.ThirdPartyMarketingConsent === false)) continue;
      // A withheld field is null (`--nulls null`, agentOS's Json.NET habit) or absent: only a value is a leak.
      const present = [...plan.marked].filter((field) => Object.hasOwn(record, field) && record[field] !== null);
      if (present.length > 0)
        reasons.push(
          `${where}: a person without consent, yet the example has personal fields ${present.join(', ')} (withheld fields are null or absent)`,
        );
    }
    return reasons;
  }
}

export async function checkPacts(files: readonly string[], options: CheckOptions = {}): Promise<CheckResult[]> {
  const checker = await PactChecker.create(options);
  return files.flatMap((file) =>
    loadPact(file).pact.interactions.map((interaction) => checker.checkInteraction(file, interaction)),
  );
}
