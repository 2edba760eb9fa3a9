// A provider stand-in for drift's tests: a proxy in front of the mock that rewrites requests
// and answers (into another reading, or into a drifted provider), and keeps every body it
// served so a test can check none of its values reached drift's output.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedAnswer {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when the body is not JSON (then `text` is sent). */
  json: unknown;
  text: string;
}

export interface ProxyRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly search: string;
}

/** Rewrites one answer in place; `request` says what was asked. */
export type AnswerRewrite = (answer: ProxiedAnswer, request: ProxyRequest) => void;
export type RequestRewrite = (request: ProxyRequest) => ProxyRequest;

export interface RewritingProxy {
  readonly baseUrl: string;
  /** Every JSON body served, after rewriting. */
  readonly served: unknown[];
  readonly requests: ProxyRequest[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

export async function startRewritingProxy(
  upstream: string,
  rewrites: readonly AnswerRewrite[],
  requestRewrites: readonly RequestRewrite[] = [],
): Promise<RewritingProxy> {
  const served: unknown[] = [];
  const requests: ProxyRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    let request: ProxyRequest = { method: incoming.method ?? 'GET', path: url.pathname, search: url.search };
    for (const rewrite of requestRewrites) request = rewrite(request);
    requests.push(request);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string' && !HOP_BY_HOP.has(name) && name !== 'host') headers[name] = value;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${upstream}${request.path}${request.search}`, { method: request.method, headers, body })
        .then(async (response) => {
          const text = await response.text();
          const answer: ProxiedAnswer = { status: response.status, headers: {}, json: undefined, text };
          response.headers.forEach((value, name) => {
            if (!HOP_BY_HOP.has(name)) answer.headers[name] = value;
          });
          try {
            answer.json = JSON.parse(text);
          } catch {
            answer.json = undefined;
          }
          for (const rewrite of rewrites) rewrite(answer, request);
          const out = answer.json === undefined ? answer.text : JSON.stringify(answer.json);
          if (answer.json !== undefined) served.push(answer.json);
          outgoing.writeHead(answer.status, answer.headers);
          outgoing.end(out);
        })
        .catch(() => {
          outgoing.writeHead(502);
          outgoing.end();
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => resolve());
    server.once('error', reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
