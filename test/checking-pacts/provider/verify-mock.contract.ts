/**
 * Provider verification: every pact in contracts/pacts against the mock, started in-process
 * (or PACT_PROVIDER_BASE_URL when set: see tools/pact/verify-pacts.ts for live runs).
 */
import { describe, expect, it } from 'vitest';
import { pactPaths } from '../../../tools/pact/pact-files.js';
import { verifyPacts } from '../../../tools/pact/verify-pacts.js';

describe('provider verification against the mock', () => {
  it('verifies every interaction of every pact in contracts/pacts', async () => {
    const result = await verifyPacts({
      pactFiles: pactPaths('contracts/pacts'),
      providerBaseUrl: process.env.PACT_PROVIDER_BASE_URL || undefined,
      apiKey: process.env.PACT_PROVIDER_API_KEY,
      allowWrites: process.env.PACT_ALLOW_WRITES === 'true',
    });
    for (const r of result.results)
      process.stdout.write(
        `${r.status.toUpperCase().padEnd(7)} ${r.label}\n${r.reasons.map((x) => `        ${x}\n`).join('')}`,
      );
    expect(result.errors).toEqual([]);
    expect(result.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(result.results.length).toBeGreaterThanOrEqual(20);
    expect(result.ok).toBe(true);
  });
});
