import type { ServerResponse } from 'node:http';
import type { ErrorStyle, ProblemError } from '../pipeline/problems.js';
import { renderProblem } from './render-problem.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Sends bytes that are already JSON (a cached or freshly serialised body). writeHead with the
 * headers, not setHeader: when nothing else set a header (most answers), Node writes them
 * without building its header map; headers set before (X-Mock-Warning) are merged as usual.
 */
export function sendJson(response: ServerResponse, status: number, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': body.length });
  response.end(body);
}

/** Every error the mock writes goes out here, in the `--errors` style. */
export function sendProblem(response: ServerResponse, problem: ProblemError, style: ErrorStyle): void {
  const { status, headers, body } = renderProblem(problem, style);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.statusCode = status;
  response.end(body);
}
