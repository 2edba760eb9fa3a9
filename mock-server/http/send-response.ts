import type { Response } from 'express';
import type { ErrorStyle, ProblemError } from '../pipeline/problems.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Sends bytes that are already JSON (a cached or freshly serialised body). */
export function sendJson(response: Response, status: number, body: Buffer): void {
  response.statusCode = status;
  response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}

/** Every error the mock writes goes out here, in the `--errors` style. */
export function sendProblem(response: Response, problem: ProblemError, style: ErrorStyle): void {
  const { contentType, body: rendered } = problem.render(style);
  const body = Buffer.from(JSON.stringify(rendered));
  for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
  response.statusCode = problem.status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}
