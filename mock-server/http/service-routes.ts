import express from 'express';
import type { LoadedContract } from '../contract/contract.js';
import { landingPage } from './landing-page.js';
import type { MockOptions } from '../options/mock-options.js';
import type { StateStore } from '../state/state-store.js';
import { swaggerUi } from './swagger-ui.js';

/**
 * The mock's own surface, outside `/v4`: health, readiness, the contract, Swagger UI and the
 * landing page. `/healthz` is liveness (the process answers), `/readyz` readiness (its state store
 * answers too), so an orchestrator stops routing to a replica on a store outage without restarting it.
 */
export function serviceRoutes(contract: LoadedContract, options: MockOptions, store: StateStore) {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', seed: options.seed, agencies: options.shortNames, withheld: options.withheld });
  });
  router.get('/readyz', async (_request, response) => {
    const { ready, store: name, detail } = await store.readiness();
    response
      .status(ready ? 200 : 503)
      .json(ready ? { status: 'ready', store: name } : { status: 'unavailable', store: name, detail });
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
