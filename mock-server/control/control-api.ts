import express, { type NextFunction, type Request, type Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { contractsDirectory, CONTROL_CONTRACT_FILE, listOperations, loadContract } from '../contract/contract.js';
import { expressPath } from '../contract/path-template.js';
import type { MockState } from '../state/mock-state.js';
import type { MockOptions } from '../options/mock-options.js';
import { ProblemError } from '../pipeline/problems.js';
import { RequestValidator } from '../contract/request-validation.js';
import { CONTROL_HANDLERS } from './control-handlers.js';

/** The SHA-256 of a text: equal-length inputs for timingSafeEqual whatever the lengths sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether an Authorization value carries the token; the scheme is case-insensitive (RFC 9110 11.1). */
export function carriesToken(authorization: string | undefined, expected: Buffer): boolean {
  const match = /^bearer +(\S+) *$/i.exec(authorization ?? '');
  // Compared in constant time, so the answer's timing does not tell how much of a guess was right.
  return match !== null && timingSafeEqual(digest(match[1] as string), expected);
}

/** Requires `Authorization: Bearer <token>` on every /__mock call when `--admin-token` is set. */
function adminToken(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (expected !== undefined && !carriesToken(request.get('authorization'), expected)) {
      throw new ProblemError('admin-token-required', 'Send Authorization: Bearer <the --admin-token value>.');
    }
    next();
  };
}

/**
 * The control API, built from its own contract the way /v4 is: one route per operationId,
 * validated by openapi-backend, answered by a small handler.
 */
export async function controlApi(state: MockState, options: MockOptions) {
  const contract = loadContract(join(contractsDirectory(), CONTROL_CONTRACT_FILE));
  const validator = await RequestValidator.create(contract.document);
  const router = express.Router();
  router.use('/__mock', adminToken(options.adminToken));
  router.get('/__mock/openapi.json', (_request, response) => {
    response.type('application/json').send(contract.jsonText);
  });
  router.get('/__mock/openapi.yaml', (_request, response) => {
    response.type('application/yaml').send(contract.yamlText);
  });
  for (const operation of listOperations(contract.document)) {
    const handler = CONTROL_HANDLERS[operation.operationId];
    if (!handler) throw new Error(`no control handler for ${operation.operationId}`);
    const middleware =
      operation.method === 'get' || operation.method === 'delete' ? [] : [express.json({ limit: '64kb' })];
    router[operation.method as 'get' | 'post' | 'put' | 'delete'](
      expressPath(operation.path),
      ...middleware,
      async (request: Request, response: Response) => {
        const query = Object.fromEntries(
          Object.entries(request.query as Record<string, unknown>).filter(([, value]) => typeof value === 'string'),
        ) as Record<string, string>;
        validator.check(operation.operationId, {
          method: operation.method,
          path: request.path,
          query,
          headers: request.headers,
          body: request.body,
        });
        // A shared store is read fresh first: what another replica changed shows here too.
        await state.store.refresh();
        const result = await handler({
          params: request.params as Record<string, string>,
          query,
          body: request.body,
          state,
        });
        if (result.chunks !== undefined) {
          response.status(result.status).type('application/json');
          Readable.from(result.chunks).pipe(response);
        } else if (result.body === undefined) {
          response.status(result.status).end();
        } else {
          response.status(result.status).json(result.body);
        }
      },
    );
  }
  return router;
}
