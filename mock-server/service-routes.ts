import express from 'express';
import type { LoadedContract } from './contract.js';
import type { MockOptions } from './options.js';

/** The mock's own surface, outside `/v4`: health and the contract. */
export function serviceRoutes(contract: LoadedContract, options: MockOptions) {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', seed: options.seed, agencies: options.shortNames, withheld: options.withheld });
  });
  router.get('/openapi.json', (_request, response) => {
    response.type('application/json').send(contract.jsonText);
  });
  router.get('/openapi.yaml', (_request, response) => {
    response.type('application/yaml').send(contract.yamlText);
  });
  return router;
}
