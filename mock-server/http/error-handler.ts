import type { NextFunction, Request, Response } from 'express';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { invalidRequest, ProblemError, type ErrorStyle, type ProblemKind } from '../pipeline/problems.js';
import { sendProblem } from './send-response.js';

/** What Express and body-parser attach to the client errors they throw (http-errors). */
interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
  /** The body text body-parser could not accept. */
  body?: string;
}

/** What JSON that is not an object or array holds (null, a number...), or undefined when it is not JSON. */
function jsonScalarOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value === null ? 'null' : `a ${typeof value}`;
  } catch {
    return undefined;
  }
}

const KIND_OF_STATUS: Readonly<Record<number, ProblemKind>> = {
  400: 'malformed-request',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/** Turns a body-parser or router error about the client's request into the catalogue's problem. */
function clientProblem(error: HttpishError): ProblemError | undefined {
  const scalar = error.type === 'entity.parse.failed' ? jsonScalarOf(error.body) : undefined;
  // Strict parsing refuses JSON that is not an object or array (null, 42, "text"): valid JSON.
  if (scalar) return invalidRequest([{ name: 'body', in: 'body', reason: `must be a JSON object, not ${scalar}` }]);
  if (error.type === 'entity.parse.failed') {
    return new ProblemError('malformed-body', `The body could not be parsed as JSON: ${error.message ?? ''}`.trim());
  }
  if (error.type === 'entity.too.large') {
    return new ProblemError('payload-too-large', 'The body is larger than the 16 KB this route accepts.');
  }
  const status = error.status ?? error.statusCode;
  const kind = status === undefined ? undefined : KIND_OF_STATUS[status];
  // Other client errors (a charset or encoding the parser does not read, a bad %-escape in the
  // path) keep their status class rather than becoming a 500.
  if (kind) return new ProblemError(kind, error.message ?? 'The request could not be read.');
  if (status !== undefined && status >= 400 && status < 500)
    return new ProblemError('malformed-request', error.message ?? 'The request could not be read.');
  return undefined;
}

/** What answers a failed request: the problem in the `--errors` style, or a 500 for a surprise. */
export type ErrorAnswer = (error: unknown, response: ServerResponse) => void;

/** Every error becomes an answer in the `--errors` style; only true surprises are a 500, and they are logged. */
export function answerError(logger: Logger, style: ErrorStyle): ErrorAnswer {
  return (error, response) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof ProblemError) {
      sendProblem(response, error, style);
      return;
    }
    const problem = clientProblem(error as HttpishError);
    if (problem) {
      sendProblem(response, problem, style);
      return;
    }
    logger.error({ err: error }, 'unexpected error');
    sendProblem(response, new ProblemError('internal-error', 'The mock failed unexpectedly; see its log.'), style);
  };
}

/** The same, as Express's error middleware for everything the /v4 dispatcher did not answer. */
export function errorHandler(logger: Logger, style: ErrorStyle) {
  const answer = answerError(logger, style);
  return (error: unknown, _request: Request, response: Response, _next: NextFunction): void => answer(error, response);
}
