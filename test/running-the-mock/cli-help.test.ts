import { describe, expect, it } from 'vitest';
import { CONTACT_TYPE_KEYS } from '../../fixtures/contact-types.js';
import { DEFAULT_OPTIONS } from '../../mock-server/options/mock-options.js';
import { runCli } from '../support/cli-process.js';

const TYPE_FLAGS = ['tenants', 'landlords', 'lettings-applicants', 'sales-applicants', 'vendors'];

// Every MockOptions field and the flags that set it; a new option without a flag fails here.
const FLAGS_OF_OPTION: Record<keyof typeof DEFAULT_OPTIONS, string[]> = {
  port: ['--port'],
  host: ['--host'],
  seed: ['--seed'],
  consentRate: ['--consent-rate'],
  consentRates: TYPE_FLAGS.map((type) => `--consent-rate-${type}`),
  counts: TYPE_FLAGS.map((type) => `--${type}`),
  branches: ['--branches'],
  multiRoleShare: ['--multi-role-share'],
  withheld: ['--withheld'],
  nulls: ['--nulls'],
  errors: ['--errors'],
  unpaged: ['--unpaged'],
  retryAfter: ['--retry-after'],
  overMax: ['--over-max'],
  dates: ['--dates'],
  unlistedEnums: ['--unlisted-enums'],
  authorisedIntegrators: ['--authorised-integrator'],
  apiKeys: ['--api-key'],
  shortNames: ['--short-name'],
  quiet: ['--quiet'],
  responseCacheMb: ['--response-cache-mb'],
  profile: ['--profile'],
  rateLimit: ['--rate-limit'],
  blockAfter: ['--block-after'],
  blockForMs: ['--block-for'],
  latency: ['--latency'],
  errorRate: ['--error-rate'],
  clock: ['--clock'],
  clockFrozen: ['--clock-frozen'],
  consentChurn: ['--consent-churn'],
  journalSize: ['--journal-size'],
  journalMb: ['--journal-mb'],
  headersTimeoutMs: ['--headers-timeout'],
  requestTimeoutMs: ['--request-timeout'],
  maxConnections: ['--max-connections'],
  adminToken: ['--admin-token'],
  stateFile: ['--state-file'],
  store: ['--store'],
  storePrefix: ['--store-prefix'],
};

describe('--help', () => {
  it('lists every flag, each with its MOCK_* environment twin, and exits 0', async () => {
    expect(Object.keys(FLAGS_OF_OPTION).sort()).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
    expect(TYPE_FLAGS).toHaveLength(CONTACT_TYPE_KEYS.length);
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const flag of Object.values(FLAGS_OF_OPTION).flat()) {
      expect(run.stdout).toMatch(new RegExp(`${flag}\\b(?!-)`));
      expect(run.stdout).toContain(`MOCK_${flag.slice(2).toUpperCase().replace(/-/g, '_')}`);
    }
  });
});
