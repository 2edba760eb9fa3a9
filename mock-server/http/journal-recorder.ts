import type { NextFunction, Request, Response } from 'express';
import { redactQuery } from './key-redaction.js';
import type { KeyLocations } from '../pipeline/api-key-auth.js';
import { beginExchange } from '../pipeline/v4-exchange.js';
import type { MockState } from '../state/mock-state.js';

/** Begins each /v4 request's exchange and records it in the journal once its response has been sent. */
export function journalRecorder(state: MockState, locations: KeyLocations) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const exchange = beginExchange(request, locations);
    // Arrival, not completion: a grader asking "was this sent while limited?" needs when it was sent.
    const arrived = state.clock.now();
    response.on('finish', () => {
      // The key is kept (masked) in its own field, never in the recorded query.
      // A value under a near-miss name (API_KEY, apikey) is a key too: it is replaced.
      const recordedQuery = redactQuery(
        Object.fromEntries(Object.entries(exchange.rawQuery).filter(([name]) => !locations.queries.includes(name))),
      );
      state.store.record(
        {
          time: new Date(arrived).toISOString(),
          durationMs: Math.max(0, state.clock.now() - arrived),
          method: request.method,
          path: request.originalUrl.split('?')[0] ?? request.originalUrl,
          query: recordedQuery,
          status: response.statusCode,
          warnings: [...exchange.warnings],
        },
        exchange.key,
      );
    });
    next();
  };
}
