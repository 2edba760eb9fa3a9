import type { NextFunction, Request, Response } from 'express';
import { apiKeyOf, type KeyLocations } from '../pipeline/api-key-auth.js';
import type { MockState } from '../state/mock-state.js';

/** Records every /v4 request in the journal once its response has been sent. */
export function journalRecorder(state: MockState, locations: KeyLocations) {
  return (request: Request, response: Response, next: NextFunction): void => {
    // Arrival, not completion: a grader asking "was this sent while limited?" needs when it was sent.
    const arrived = state.clock.now();
    response.on('finish', () => {
      const query = (response.locals.rawQuery as Record<string, unknown> | undefined) ?? request.query;
      // The key is kept (masked) in its own field, never in the recorded query.
      const recordedQuery = Object.fromEntries(
        Object.entries(query).filter(([name]) => !locations.queries.includes(name)),
      );
      state.journal.record(
        {
          time: new Date(arrived).toISOString(),
          durationMs: Math.max(0, state.clock.now() - arrived),
          method: request.method,
          path: request.originalUrl.split('?')[0] ?? request.originalUrl,
          query: recordedQuery,
          status: response.statusCode,
          warnings: (response.locals.warnings as string[] | undefined) ?? [],
        },
        apiKeyOf(locations, request.headers, query),
      );
    });
    next();
  };
}
