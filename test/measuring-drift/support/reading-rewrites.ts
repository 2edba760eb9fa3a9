// The mock's answers rewritten into each reading the fidelity switches will serve (nulls,
// error bodies, unpaged lists, dates, Retry-After, over-max counts), so drift's reading
// detection is tested whatever reading the mock itself serves today.
import { deref, findOperation, type JsonObject } from '../../support/contract-document.js';
import type { AnswerRewrite, ProxiedAnswer, ProxyRequest, RequestRewrite } from './rewriting-proxy.js';

/** Properties of a schema, merged over allOf and references. */
export function propertiesOf(schema: unknown, depth = 0): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  if (depth > 10 || schema === undefined) return properties;
  const resolved = deref(schema);
  for (const branch of (resolved.allOf as unknown[] | undefined) ?? []) {
    for (const [name, node] of propertiesOf(branch, depth + 1)) properties.set(name, node);
  }
  for (const [name, node] of Object.entries((resolved.properties ?? {}) as JsonObject)) properties.set(name, node);
  return properties;
}

export function successSchema(request: ProxyRequest): unknown {
  const operation = findOperation(request.method, request.path);
  const responses = (operation?.operation.responses ?? {}) as JsonObject;
  const ok = deref(responses['200'] ?? {});
  return ((ok.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Walks a value with its schema, calling `visit` on each object with that object's schema. */
export function walkWithSchema(
  value: unknown,
  schema: unknown,
  visit: (object: JsonObject, schema: unknown) => void,
  depth = 0,
): void {
  if (depth > 12 || schema === undefined) return;
  const resolved = deref(schema);
  if (Array.isArray(value)) {
    const items = resolved.items ?? [...propertiesOf(schema).values()].map((node) => deref(node).items).find(Boolean);
    for (const item of value) walkWithSchema(item, items, visit, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  visit(value, schema);
  const properties = propertiesOf(schema);
  for (const [name, inner] of Object.entries(value)) walkWithSchema(inner, properties.get(name), visit, depth + 1);
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapStrings(inner, map)]));
  return value;
}

const ok = (answer: ProxiedAnswer): boolean => answer.status >= 200 && answer.status < 300 && answer.json !== undefined;

/** `--nulls null`: every property of the record's schema is in the answer, null when empty. */
export const nullsPresent: AnswerRewrite = (answer, request) => {
  if (!ok(answer)) return;
  walkWithSchema(answer.json, successSchema(request), (object, schema) => {
    for (const name of propertiesOf(schema).keys()) if (!(name in object)) object[name] = null;
  });
};

/** `--nulls absent`: no property is written as null. */
export const nullsAbsent: AnswerRewrite = (answer) => {
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : isObject(value)
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, inner]) => inner !== null)
              .map(([key, inner]) => [key, strip(inner)]),
          )
        : value;
  if (ok(answer)) answer.json = strip(answer.json);
};

/** Today's mock writes dates; the fidelity contract writes date-times without an offset. */
export const datesAsLocalDateTimes: AnswerRewrite = (answer) => {
  if (ok(answer))
    answer.json = mapStrings(answer.json, (text) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text));
};

/** `--dates utc`: the same digits with a Z. */
export const datesUtc: AnswerRewrite = (answer) => {
  if (ok(answer))
    answer.json = mapStrings(answer.json, (text) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text) ? `${text}Z` : text,
    );
};

/** `--errors agentos`: ASP.NET's `{"Message": ...}` as application/json. */
export const agentosErrors: AnswerRewrite = (answer) => {
  if (answer.status < 400 || !isObject(answer.json) || !('title' in answer.json)) return;
  answer.json = { Message: String(answer.json.detail ?? answer.json.title) };
  answer.headers['content-type'] = 'application/json; charset=utf-8';
};

/** `--errors problem`: RFC 9457 problem+json. */
export const problemErrors: AnswerRewrite = (answer) => {
  if (answer.status < 400 || !isObject(answer.json) || typeof answer.json.Message !== 'string') return;
  answer.json = {
    type: 'urn:test:problem',
    title: answer.json.Message,
    status: answer.status,
    detail: answer.json.Message,
  };
  answer.headers['content-type'] = 'application/problem+json';
};

const unpaged = (request: ProxyRequest): boolean =>
  !/\/\d+\/\d+$/.test(request.path) && request.path.endsWith('/personcontacts');

/** `--unpaged array`: person contacts as a bare array. */
export const unpagedArray: AnswerRewrite = (answer, request) => {
  if (ok(answer) && unpaged(request) && isObject(answer.json) && Array.isArray(answer.json.Data))
    answer.json = answer.json.Data;
};

/** `--unpaged envelope`: person contacts as `{Count, Data}`. */
export const unpagedEnvelope: AnswerRewrite = (answer, request) => {
  if (ok(answer) && unpaged(request) && Array.isArray(answer.json))
    answer.json = { Count: answer.json.length, Data: answer.json };
};

/** `--retry-after send` / `omit` on 429 and 403. */
export const retryAfter =
  (send: boolean): AnswerRewrite =>
  (answer) => {
    if (answer.status !== 429 && answer.status !== 403) return;
    if (send) answer.headers['retry-after'] ??= '2';
    else delete answer.headers['retry-after'];
  };

/** `--over-max clamp`: a page size over 1000 is read as 1000. */
export const overMaxClamp: RequestRewrite = (request) => {
  const match = /^(.*\/\d+\/)(\d+)$/.exec(request.path);
  if (!match || Number(match[2]) <= 1000) return request;
  return { ...request, path: `${match[1]}1000` };
};
