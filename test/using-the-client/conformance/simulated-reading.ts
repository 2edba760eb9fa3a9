import { PERSONAL_DATA_FIELDS } from '../../../src/index.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as Json).OID === 'string';

/** Json.NET's habit: every personal property (and ConsentDetails) written, `null` when withheld. */
function withNulls(record: Json): Json {
  const filled: Json = { ...record };
  for (const field of [...PERSONAL_DATA_FIELDS, 'ConsentDetails']) filled[field] ??= null;
  return filled;
}

function rewrite(path: string, status: number, body: unknown): unknown {
  if (status >= 400) {
    const problem = body as { detail?: string; title?: string } | undefined;
    return { Message: problem?.detail ?? problem?.title ?? 'An error has occurred.' };
  }
  if (path.endsWith('/personcontacts') && body && typeof body === 'object' && 'Data' in body)
    return (body as Json).Data;
  if (body && typeof body === 'object' && Array.isArray((body as Json).Data) && !path.includes('/customfield'))
    return {
      ...(body as Json),
      Data: ((body as Json).Data as unknown[]).map((item) => (isRecord(item) ? withNulls(item) : item)),
    };
  return isRecord(body) && 'ThirdPartyMarketingConsent' in body ? withNulls(body) : body;
}

/**
 * A fetch that turns the mock's answers into agentOS's own defaults, as domain.md pins them for
 * the mock: `null` for every empty or withheld value, `{"Message"}` error bodies, a bare array
 * from `personcontacts`, and no `Retry-After`. It lets the conformance suite prove itself
 * reading-agnostic against a mock that does not serve these readings yet.
 */
export function agentosDefaultsFetch(): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    const path = new URL(typeof input === 'string' || input instanceof URL ? input : input.url).pathname;
    if (!path.startsWith('/v4/') || text === '') return new Response(text, response);
    const headers = new Headers(response.headers);
    headers.delete('retry-after');
    headers.set('content-type', 'application/json; charset=utf-8');
    headers.delete('content-length');
    const body = JSON.stringify(rewrite(path, response.status, JSON.parse(text)));
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}
