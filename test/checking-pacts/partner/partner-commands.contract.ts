/**
 * The partner commands on pact files this kit did not write (hand-written, in fixtures/):
 * `check-pact` passes a good file and fails a drifted one; `verify-pact` verifies against the
 * in-process mock, writes JUnit XML, and exits non-zero on a failure.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = async (...args: string[]): Promise<{ code: number; stdout: string }> => {
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'tools/cli.ts', ...args], {
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
};

const GOOD = 'test/checking-pacts/fixtures/partner-crm.pact.json';
const DRIFTED = 'test/checking-pacts/fixtures/partner-crm-drifted.pact.json';

describe('agentos-contacts-mock check-pact', () => {
  it('passes the kit pacts and a good hand-written one', async () => {
    for (const target of ['contracts/pacts', GOOD]) {
      const result = await run('check-pact', target);
      expect(result.stdout).not.toMatch(/^FAIL/m);
      expect(result.code).toBe(0);
    }
  });

  it('fails a drifted pact, naming each drift', async () => {
    const result = await run('check-pact', DRIFTED);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL CRM import: 5000 landlords.*\n.*count: must be <= 1000/);
    expect(result.stdout).toMatch(/expects FirstName, which the contract does not have/);
    expect(result.stdout).toMatch(/a person without consent, yet the example has personal fields Email/);
    expect(result.stdout).toMatch(/^PASS CRM import: a vendor who has not consented/m);
  });
});

describe('agentos-contacts-mock verify-pact', () => {
  it('verifies a good hand-written pact against the mock and writes JUnit XML', async () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'pact-junit-')), 'report.xml');
    const result = await run('verify-pact', GOOD, '--junit', junit);
    expect(result.stdout).toMatch(/^PASS partner-crm: CRM import: landlords of one branch/m);
    expect(result.stdout).toMatch(/2 interactions against the mock: 2 passed, 0 failed/);
    expect(result.code).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites [^>]*tests="2" failures="0"/);
  });

  it('exits non-zero on a pact the mock does not honour, with the failure in the report', async () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'pact-junit-')), 'report.xml');
    const result = await run('verify-pact', DRIFTED, '--junit', junit);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL partner-crm-drifted: CRM import: 5000 landlords/m);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<failure message=/);
    expect(xml).toMatch(/<testsuites [^>]*failures="2"/);
  });

  it('exits 2 on a path that holds no pact', async () => {
    expect((await run('verify-pact', 'test/checking-pacts/no-such-dir')).code).toBe(2);
  });
});
