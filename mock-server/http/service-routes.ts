import express from 'express';
import type { LoadedContract } from '../contract/contract.js';
import { landingPage } from './landing-page.js';
import type { MockOptions } from '../options/mock-options.js';
import { swaggerUi } from './swagger-ui.js';

/** The mock's own surface, outside `/v4`: health, the contract, Swagger UI and the landing page. */
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
  router.use(landingPage(options));
  router.use(swaggerUi());
  return router;
}
