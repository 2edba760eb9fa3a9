import type { NextFunction, Request, Response } from 'express';
import { apiKeyOf, type KeyLocations } from '../pipeline/api-key-auth.js';
import type { MockState } from '../state/mock-state.js';

/** Records every /v4 request in the journal once its response has been sent. */
export function journalRecorder(state: MockState, locations: KeyLocations) {
  return (request: Request, response: Response, next: NextFunction): void => {
    response.on('finish', () => {
      const query = (response.locals.rawQuery as Record<string, unknown> | undefined) ?? request.query;
      // The key is kept (masked) in its own field, never in the recorded query.
      const recordedQuery = Object.fromEntries(
        Object.entries(query).filter(([name]) => !locations.queries.includes(name)),
      );
      state.store.record(
        {
          time: new Date(state.clock.now()).toISOString(),
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
