import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { redactUrl } from './key-redaction.js';

export function createLogger(quiet: boolean): Logger {
  return pino({ level: quiet ? 'silent' : 'info', base: { service: 'agentos-contacts-mock' } });
}

/** A logged URL is at most this long: 600 unknown parameters made 15 KB lines (540 MB of log). */
const MAX_LOGGED_URL = 2048;

/** Never log a key (under any spelling of its name), nor an unbounded URL. */
export function safeUrl(url: string): string {
  const redacted = redactUrl(url);
  return redacted.length <= MAX_LOGGED_URL
    ? redacted
    : `${redacted.slice(0, MAX_LOGGED_URL)}... (${redacted.length - MAX_LOGGED_URL} more characters)`;
}

/** One structured line for this request, written when its response has been sent. */
export function logWhenAnswered(
  logger: Logger,
  url: string,
  incoming: IncomingMessage,
  response: ServerResponse,
): void {
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    logger.info({
      method: incoming.method,
      url: safeUrl(url),
      status: response.statusCode,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      warning: response.getHeader('x-mock-warning'),
    });
  });
}

/** The log of every request the /v4 dispatcher did not answer (it logs its own). */
export function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (logger.isLevelEnabled('info')) logWhenAnswered(logger, request.originalUrl, request, response);
    next();
  };
}
