import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockTarget } from '../using-the-client/mock-target.js';
import {
  drift,
  readingOf,
  startProvider,
  tempDir,
  type DriftOutcome,
  type JsonReport,
  type TempDir,
} from './support/drift-fixture.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../contracts/partner-report.schema.json', import.meta.url), 'utf8'));

describe('agentos-contacts drift against the mock itself', () => {
  let provider: MockTarget;
  let dir: TempDir;
  let run: DriftOutcome;
  let report: JsonReport;
  beforeAll(async () => {
    provider = await startProvider({ rateLimit: { requests: 20, windowMs: 2000 } });
    dir = tempDir();
    run = await drift([
      '--base-url',
      provider.baseUrl,
      '--rate-limit',
      '20/2s',
      '--json',
      dir.file('drift.json'),
      '--report',
      dir.file('drift.md'),
      '--junit',
      dir.file('drift.xml'),
      '--write-overlay',
      dir.file('overlay.yaml'),
    ]);
    report = JSON.parse(dir.read('drift.json')) as JsonReport;
  });
  afterAll(async () => {
    await provider.close();
    dir.remove();
  });

  it('finds no drift and exits 0, with no 429 from the mock under its own limit', async () => {
    expect(run.stderr).toContain('drift: no-drift (exit 0)');
    expect(run.code).toBe(0);
    expect(report.outcome).toBe('pass');
    expect(report.details.budget.rateLimited).toBe(0);
    const journal = await provider.journal();
    expect(journal.length).toBe(report.details.budget.requestsSent);
    expect(journal.filter((entry) => entry.status === 429 || entry.status === 403)).toEqual([]);
  });

  it('probes every read route of the contract, the negative cases included', () => {
    const sent = report.checks.filter((check) => check.status === 'pass');
    for (const operation of [
      'listBranches',
      'listTenants',
      'getTenant',
      'getPersonContacts',
      'getCustomFieldDefinitions',
      'getCustomFieldValue',
    ]) {
      expect(
        sent.some((check) => check.name.startsWith(`${operation}:`)),
        operation,
      ).toBe(true);
    }
    for (const negative of ['no API key', 'an unknown tenantID', 'count 0', 'count 1001', 'offset not a number']) {
      expect(
        sent.some((check) => check.name.endsWith(negative)),
        negative,
      ).toBe(true);
    }
    expect(report.checks.find((check) => check.name.startsWith('getPersonContacts:'))?.name).toMatch(
      /seen in [2-5] lists/,
    );
    const write = report.checks.find((check) => check.name.startsWith('setCustomFieldValue:'));
    expect(write?.status).toBe('skipped');
  });

  it('names the readings it saw and suggests the matching mock flags', () => {
    expect(readingOf(report, '--over-max')).toBe('reject');
    expect(readingOf(report, '--errors')).toMatch(/^(agentos|problem)$/);
    expect(readingOf(report, '--nulls')).toMatch(/^(null|absent)$/);
    const flags = report.suggestions.find((suggestion) => suggestion.kind === 'mock-flags')?.flags ?? [];
    expect(flags).toEqual(expect.arrayContaining(['--over-max', 'reject', '--errors', readingOf(report, '--errors')]));
  });

  it('writes a JSON report that follows contracts/partner-report.schema.json, and the other outputs', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(SCHEMA);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(dir.read('drift.md')).toContain('## Readings');
    expect(dir.read('drift.xml')).toMatch(
      /^<\?xml[^]*<testsuites name="agentos-contacts drift" tests="\d+" failures="0"/,
    );
    expect(dir.read('overlay.yaml')).toMatch(/overlay: 1\.0\.0[^]*actions: \[\]/);
  });
});
