// The provider's own API document (`--provider-contract`), Swagger 2.0 or OpenAPI 3.x, from a
// file or a URL, read into the same operation list our contract gives.
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { UnusableInputError } from './unusable-input-error.js';
import { SchemaWalker, type Json } from './schema-view.js';

export interface ProviderOperation {
  readonly method: string;
  /** As the document writes it (with Swagger 2.0's basePath in front). */
  readonly path: string;
  readonly parameters: ReadonlyArray<{ name: string; in: string; required: boolean; type?: string }>;
  /** The 2xx answer's schema and where it is written. */
  readonly success?: { schema: Json; segments: (string | number)[] };
}

export interface ProviderDocument {
  readonly kind: 'swagger-2.0' | 'openapi-3';
  readonly walker: SchemaWalker;
  readonly operations: readonly ProviderOperation[];
}

export interface LoadedProviderDocument {
  readonly source: string;
  readonly title: string;
  readonly version: string;
  readonly document: ProviderDocument;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    // The document is public on agentOS; the key is not sent to wherever this URL points.
    const response = await fetch(source, {
      headers: { accept: 'application/json, application/yaml' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new UnusableInputError(`--provider-contract ${source} answered ${response.status}`);
    return response.text();
  }
  try {
    return readFileSync(source, 'utf8');
  } catch {
    throw new UnusableInputError(`--provider-contract: cannot read ${source}`);
  }
}

export function readProviderDocument(document: Json): ProviderDocument {
  const walker = new SchemaWalker(document);
  const swagger = typeof document.swagger === 'string' && document.swagger.startsWith('2');
  if (!swagger && !(typeof document.openapi === 'string' && document.openapi.startsWith('3'))) {
    throw new UnusableInputError('--provider-contract is neither Swagger 2.0 nor OpenAPI 3.x');
  }
  const basePath = swagger && typeof document.basePath === 'string' ? document.basePath.replace(/\/$/, '') : '';
  const operations: ProviderOperation[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const parameters = [...shared, ...((operation.parameters as unknown[] | undefined) ?? [])]
        .map((parameter) => walker.resolve(parameter, []).node)
        .filter((parameter) => parameter.in !== 'body' && parameter.in !== 'formData')
        .map((parameter) => ({
          name: String(parameter.name),
          in: String(parameter.in),
          required: parameter.required === true,
          type: (parameter.type ?? (walker.resolve(parameter.schema ?? {}, []).node.type as unknown)) as
            string | undefined,
        }));
      const responses = (operation.responses ?? {}) as Record<string, unknown>;
      const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code));
      let success: ProviderOperation['success'];
      if (status) {
        const response = walker.resolve(responses[status], ['paths', path, method, 'responses', status]);
        if (swagger && response.node.schema) {
          success = { schema: response.node.schema as Json, segments: [...response.segments, 'schema'] };
        } else {
          const content = (response.node.content ?? {}) as Record<string, Json>;
          const type = Object.keys(content).find((name) => name.includes('json'));
          if (type && content[type]?.schema)
            success = {
              schema: content[type].schema as Json,
              segments: [...response.segments, 'content', type, 'schema'],
            };
        }
      }
      operations.push({ method, path: `${basePath}${path}`, parameters, success });
    }
  }
  return { kind: swagger ? 'swagger-2.0' : 'openapi-3', walker, operations };
}

export async function loadProviderDocument(source: string): Promise<LoadedProviderDocument> {
  const text = await readSource(source);
  let parsed: unknown;
  try {
    parsed = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new UnusableInputError(
      `--provider-contract ${source} is not JSON or YAML: ${error instanceof Error ? error.message.split('\n')[0] : ''}`,
    );
  }
  if (parsed === null || typeof parsed !== 'object')
    throw new UnusableInputError(`--provider-contract ${source} is not a document`);
  const info = ((parsed as Json).info ?? {}) as Json;
  return {
    source,
    title: String(info.title ?? 'provider document'),
    version: String(info.version ?? ''),
    document: readProviderDocument(parsed as Json),
  };
}
