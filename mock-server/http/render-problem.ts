import { STATUS_CODES } from 'node:http';
import type { ErrorStyle, ProblemError } from '../pipeline/problems.js';

/** A problem as an answer: what every writer sends, Express's or a bare socket's. */
export interface RenderedProblem {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The one place a ProblemError becomes status, headers and body bytes in the `--errors` style (no Express needed). */
export function renderProblem(problem: ProblemError, style: ErrorStyle): RenderedProblem {
  const { contentType, body: rendered } = problem.render(style);
  const body = Buffer.from(JSON.stringify(rendered));
  return {
    status: problem.status,
    headers: { ...problem.headers, 'Content-Type': contentType, 'Content-Length': String(body.length) },
    body,
  };
}

/**
 * A whole HTTP/1.1 answer for a socket Node's HTTP layer has given up on (a request it could
 * not parse, too many connections): it closes the connection after.
 */
export function rawProblemResponse(problem: ProblemError, style: ErrorStyle): Buffer {
  const { status, headers, body } = renderProblem(problem, style);
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`];
  for (const [name, value] of Object.entries({ ...headers, Connection: 'close' })) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
