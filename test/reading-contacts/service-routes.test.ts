import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contractDocument, contractText, HTTP_METHODS } from '../support/contract-document.js';
import { withLabelsInDescriptions } from '../../mock-server/contract/confidence-labels.js';
import { startMock, type MockClient } from '../support/mock-client.js';

let client: MockClient;
beforeAll(async () => {
  client = await startMock({ seed: 5, shortNames: ['demo', 'acme'], withheld: 'omit' });
});
afterAll(() => client.close());

function operationCount(document: { paths: Record<string, Record<string, unknown>> }): number {
  return Object.values(document.paths).reduce(
    (sum, item) => sum + HTTP_METHODS.filter((method) => item[method] !== undefined).length,
    0,
  );
}

describe('the control surface outside /v4 needs no key', () => {
  it('/healthz reports the settings that shape the data', async () => {
    const response = await client.get('/healthz', { apiKey: null });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ status: 'ok', seed: 5, agencies: ['demo', 'acme'], withheld: 'omit' });
  });

  it('/openapi.json parses, has the 15 operations, and is the contract with its labels in the descriptions', async () => {
    const response = await client.get('/openapi.json', { apiKey: null });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = JSON.parse(response.text) as { paths: Record<string, Record<string, unknown>> };
    expect(operationCount(document)).toBe(15);
    expect(document).toEqual(withLabelsInDescriptions(contractDocument));
  });

  it('/openapi.yaml is the contract file as shipped', async () => {
    const response = await client.get('/openapi.yaml', { apiKey: null });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/yaml/);
    expect(response.text).toBe(contractText);
    expect(operationCount(parse(response.text) as { paths: Record<string, Record<string, unknown>> })).toBe(15);
  });
});
