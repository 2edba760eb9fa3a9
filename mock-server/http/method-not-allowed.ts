import express, { type Request } from 'express';
import type { ContractOperation } from '../contract/contract.js';
import { expressPath } from '../contract/path-template.js';
import { ProblemError } from '../pipeline/problems.js';

/** A 405 with `Allow` for a path the contract has under another method. */
export function methodNotAllowed(operations: readonly ContractOperation[]) {
  const router = express.Router();
  const methodsByPath = new Map<string, string[]>();
  for (const operation of operations) {
    const path = expressPath(operation.path);
    methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), operation.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    router.all(path, (request: Request) => {
      throw new ProblemError(
        'method-not-allowed',
        `${request.method} is not allowed on this route; use ${methods.join(', ')}.`,
        undefined,
        {
          Allow: methods.join(', '),
        },
      );
    });
  }
  return router;
}
