import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, type ProblemError } from '../pipeline/problems.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Sends bytes that are already JSON (a cached or freshly serialised body). */
export function sendJson(response: Response, status: number, body: Buffer): void {
  response.statusCode = status;
  response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}

export function sendProblem(response: Response, problem: ProblemError): void {
  const body = Buffer.from(JSON.stringify(problem.toBody()));
  for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
  response.statusCode = problem.status;
  response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  response.setHeader('Content-Length', body.length);
  response.end(body);
}
