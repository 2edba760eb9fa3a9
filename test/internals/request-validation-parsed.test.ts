import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadContract } from '../../mock-server/contract/contract.js';
import { RequestValidator } from '../../mock-server/contract/request-validation.js';
import { ProblemError } from '../../mock-server/pipeline/problems.js';

const document = loadContract().document;
const operations = listOperations(document);

/** `/a/{b}` with `{ b: 'x y' }` to `/a/x%20y`: the concrete path a client would send. */
function concretePath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** What a check says: nothing, or the 400's detail and errors. */
function outcome(run: () => void): unknown {
  try {
    run();
    return 'valid';
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return { kind: error.kind, detail: error.detail, errors: error.errors };
  }
}

// The /v4 route validates what its router parsed (checkParsed); the control API and check-pact
// validate a path (check, openapi-backend's own parsing). Both must say the same of every request.
describe('request validation from parsed parameters', () => {
  let validator: RequestValidator;
  beforeAll(async () => {
    validator = await RequestValidator.create(document);
  });

  it('agrees with openapi-backend parsing the path itself, for valid and invalid requests alike', () => {
    const value = fc.oneof(
      fc.constantFrom('0', '10', '1000', '1001', '-1', 'x', '', 'demo', '0004-f421-2742-3f00', 'a b', 'é', '1e3'),
      fc.string({ maxLength: 8 }),
    );
    const request = fc.record({
      operation: fc.constantFrom(...operations),
      // The router never gives an empty parameter (a parameter is one non-empty segment).
      values: fc.array(
        value.filter((text) => text.length > 0),
        { minLength: 4, maxLength: 4 },
      ),
      query: fc.dictionary(fc.constantFrom('branchID', 'integrator', 'integration', 'since'), value, { maxKeys: 3 }),
      body: fc.option(
        fc.oneof(fc.record({ Value: fc.oneof(fc.string(), fc.integer(), fc.boolean()) }), fc.constant({})),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(request, ({ operation, values, query, body }) => {
        const names = [...operation.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string);
        const params = Object.fromEntries(names.map((name, index) => [name, values[index] ?? '0']));
        // Only the operation's own query parameters reach validation (the route drops the others).
        const declared = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
        const ownQuery = Object.fromEntries(Object.entries(query).filter(([name]) => declared.has(name)));
        const headers = { api_key: 'k', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
        const byPath = outcome(() =>
          validator.check(operation.operationId, {
            method: operation.method,
            path: concretePath(operation.path, params),
            query: { ...ownQuery },
            headers: { ...headers },
            body,
          }),
        );
        const parsed = outcome(() =>
          validator.checkParsed(operation.operationId, { params, query: ownQuery, headers, body }),
        );
        expect(parsed).toEqual(byPath);
      }),
      { numRuns: 400, seed: 77 },
    );
  });

  it('leaves the caller its own values: coercion works on copies', () => {
    const operation = operations.find((one) => one.path.endsWith('/tenants/{offset}/{count}'));
    const params = { shortName: 'demo', offset: '0', count: '10' };
    validator.checkParsed(operation!.operationId, { params, query: {}, headers: {} });
    expect(params).toEqual({ shortName: 'demo', offset: '0', count: '10' });
  });
});
