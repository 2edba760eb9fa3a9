// Shared set-up for drift's tests: the mock in-process on 127.0.0.1:0, drift run in-process with
// its output captured, and our contract with every date as a date-time (as the fidelity
// contract writes them), to pair with the proxy that serves date-times.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runDriftCommand } from '../../../tools/drift/cli.js';
import { startMockTarget, type MockTarget } from '../../using-the-client/mock-target.js';
import { CONTRACT_PATH } from '../../support/contract-document.js';
import type { MockOptionsInput } from '../../../mock-server/options/mock-options.js';

export const DRIFT_KEY = 'drift-test-key-5ecret';

/** Small agencies: every probe is cheap, and people hold several roles. */
export const SMALL_AGENCY: MockOptionsInput = {
  counts: { tenants: 40, landlords: 20, lettingsApplicants: 20, salesApplicants: 12, vendors: 10 },
  branches: 3,
  multiRoleShare: 0.5,
};

export function startProvider(input: MockOptionsInput = {}): Promise<MockTarget> {
  return startMockTarget({ ...SMALL_AGENCY, apiKeys: [DRIFT_KEY], ...input });
}

/** A provider and a scratch folder shared by one suite's tests. */
export interface SuiteProvider {
  readonly provider: MockTarget;
  readonly dir: TempDir;
}

/**
 * Starts a provider (and makes a scratch folder) before the calling suite's tests and removes
 * both after them; read `provider` and `dir` inside a test or hook, once they exist.
 */
export function providerForSuite(input: MockOptionsInput = {}): SuiteProvider {
  let started: SuiteProvider | undefined;
  beforeAll(async () => {
    started = { provider: await startProvider(input), dir: tempDir() };
  });
  afterAll(async () => {
    await started?.provider.close();
    started?.dir.remove();
  });
  const current = (): SuiteProvider => {
    if (!started) throw new Error('providerForSuite: read the provider inside a test or hook');
    return started;
  };
  return {
    get provider() {
      return current().provider;
    },
    get dir() {
      return current().dir;
    },
  };
}

export interface DriftOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function drift(args: readonly string[], env: Record<string, string> = {}): Promise<DriftOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runDriftCommand(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { AGENTOS_API_KEY: DRIFT_KEY, AGENTOS_SHORTNAME: 'demo', ...env },
  });
  return { code, stdout, stderr };
}

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  read(name: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'drift-test-'));
  return {
    path,
    file: (name) => join(path, name),
    read: (name) => readFileSync(join(path, name), 'utf8'),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Our contract with `format: date` read as `format: date-time` (a no-op once the contract says so). */
export function dateTimeContract(dir: TempDir): string {
  const text = readFileSync(CONTRACT_PATH, 'utf8').replace(/format: date(?![-\w])/g, 'format: date-time');
  const path = dir.file('contract-date-times.yaml');
  writeFileSync(path, text);
  return path;
}

/** The JSON report drift wrote. */
export interface JsonReport {
  outcome: string;
  exitCode: number;
  checks: Array<{ name: string; status: string; detail?: string; observed?: string }>;
  findings: Array<{
    severity: string;
    category: string;
    subject?: string;
    schema?: string;
    path?: string;
    message: string;
    label?: { kind: string };
  }>;
  suggestions: Array<{ kind: string; flags?: string[] }>;
  details: {
    readings: Array<{ switch: string; value?: string }>;
    budget: { requestsSent: number; rateLimited: number; blocked: number };
  };
}

export function readingOf(report: JsonReport, name: string): string | undefined {
  return report.details.readings.find((reading) => reading.switch === name)?.value;
}
