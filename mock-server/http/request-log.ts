import type { NextFunction, Request, Response } from 'express';
import { pino, type Logger } from 'pino';

export function createLogger(quiet: boolean): Logger {
  return pino({ level: quiet ? 'silent' : 'info', base: { service: 'agentos-contacts-mock' } });
}

/** Never log a key: the query's api_key is replaced before the URL reaches the log. */
function safeUrl(url: string): string {
  return url.replace(/([?&]api_key=)[^&]*/g, '$1[redacted]');
}

/** One structured line per request, written when the response has been sent. */
export function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!logger.isLevelEnabled('info')) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.info({
        method: request.method,
        url: safeUrl(request.originalUrl),
        status: response.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        warning: response.getHeader('x-mock-warning'),
      });
    });
    next();
  };
}
