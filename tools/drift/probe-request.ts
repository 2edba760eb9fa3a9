// One raw HTTP request to the provider: drift needs the exact status, headers and body, so it
// uses fetch directly (the reference client would retry, parse and throw).

export interface ProbeRequest {
  readonly method: string;
  /** The path with its parameters filled in (never written to any output). */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly sendKey: boolean;
  readonly body?: unknown;
}

export interface ProbeAnswer {
  readonly status: number;
  readonly contentType: string;
  /** Lower-cased names of every response header. */
  readonly headerNames: readonly string[];
  readonly retryAfter?: string;
  readonly text: string;
  readonly json: unknown;
  readonly isJson: boolean;
}

export interface Transport {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The header the key travels in (the contract's first API-key header). */
  readonly keyHeader: string;
  readonly timeoutMs: number;
}

export async function sendProbe(transport: Transport, request: ProbeRequest): Promise<ProbeAnswer> {
  const url = new URL(
    request.path.replace(/^\//, ''),
    transport.baseUrl.endsWith('/') ? transport.baseUrl : `${transport.baseUrl}/`,
  );
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.sendKey) headers[transport.keyHeader] = transport.apiKey;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: request.method.toUpperCase(),
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    redirect: 'manual',
    signal: AbortSignal.timeout(transport.timeoutMs),
  });
  const text = await response.text();
  let json: unknown;
  let isJson = false;
  try {
    json = JSON.parse(text);
    isJson = text.trim() !== '';
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '',
    headerNames: [...response.headers.keys()].map((name) => name.toLowerCase()),
    retryAfter: response.headers.get('retry-after') ?? undefined,
    text,
    json,
    isJson,
  };
}

/** The headers drift reports (by name only): rate limits, revisions, warnings. */
export function headersThatMatter(names: readonly string[]): string[] {
  return names
    .filter((name) => /^(retry-after|etag|x-rate-?limit.*|rate-?limit.*|x-mock-warning|warning)$/.test(name))
    .sort();
}
