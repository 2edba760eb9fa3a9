import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockTarget } from '../using-the-client/mock-target.js';
import { contractDocument, contractText, type JsonObject } from '../support/contract-document.js';
import {
  dateTimeContract,
  drift,
  DRIFT_KEY,
  startProvider,
  tempDir,
  type DriftOutcome,
  type TempDir,
} from './support/drift-fixture.js';
import { driftedProvider, driftPlan } from './support/drifted-provider.js';
import { datesAsLocalDateTimes, nullsPresent } from './support/reading-rewrites.js';
import { startRewritingProxy, type RewritingProxy } from './support/rewriting-proxy.js';

/** Every property name the contract marks as personal data, anywhere. */
function personalNames(): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [name, property] of Object.entries(((node as JsonObject).properties ?? {}) as JsonObject)) {
      if ((property as JsonObject)['x-personal-data'] === true) names.add(name);
    }
    Object.values(node).forEach(visit);
  };
  visit(contractDocument.components);
  return names;
}

/** The values a test must never find in drift's output: personal fields' (all of them, nested too) and IDs. */
function servedSecrets(bodies: readonly unknown[], personal: ReadonlySet<string>): Set<string> {
  const secrets = new Set<string>();
  const leaves = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 3) secrets.add(value);
    else if (typeof value === 'number' && String(value).length >= 5) secrets.add(String(value));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(leaves);
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [name, inner] of Object.entries(value)) {
      if (personal.has(name) || (/ID$/.test(name) && typeof inner === 'string')) leaves(inner);
      else visit(inner);
    }
  };
  bodies.forEach(visit);
  // A value the contract itself lists (an enum such as a title) is public, not the provider's.
  for (const value of secrets) if (contractText.includes(value)) secrets.delete(value);
  return secrets;
}

describe('agentos-contacts drift keeps shapes only: no personal value reaches any output', () => {
  let provider: MockTarget;
  let proxy: RewritingProxy;
  let dir: TempDir;
  let run: DriftOutcome;
  beforeAll(async () => {
    // Everyone consented and the integrator is authorised: every personal field is served.
    provider = await startProvider({ consentRate: 1, authorisedIntegrators: ['drift-test'] });
    proxy = await startRewritingProxy(provider.baseUrl, [
      datesAsLocalDateTimes,
      nullsPresent,
      driftedProvider(driftPlan()),
    ]);
    dir = tempDir();
    run = await drift([
      '--base-url',
      proxy.baseUrl,
      '--integrator',
      'drift-test',
      '--contract',
      dateTimeContract(dir),
      '--rate-limit',
      '100/1s',
      '--json',
      dir.file('drift.json'),
      '--report',
      dir.file('drift.md'),
      '--junit',
      dir.file('drift.xml'),
      '--write-overlay',
      dir.file('overlay.yaml'),
    ]);
  });
  afterAll(async () => {
    await proxy.close();
    await provider.close();
    dir.remove();
  });

  it('served personal data and IDs during the run (the check below has something to find)', () => {
    expect(run.code).toBe(1);
    const secrets = servedSecrets(proxy.served, personalNames());
    expect(secrets.size).toBeGreaterThan(200);
    expect([...secrets].some((value) => value.includes('@'))).toBe(true);
  });

  it('writes none of them, nor the key, in the report, the JSON, the JUnit, the overlay, stdout or stderr', () => {
    const secrets = [...servedSecrets(proxy.served, personalNames()), DRIFT_KEY];
    const outputs: Record<string, string> = {
      stdout: run.stdout,
      stderr: run.stderr,
      'drift.md': dir.read('drift.md'),
      'drift.json': dir.read('drift.json'),
      'drift.xml': dir.read('drift.xml'),
      'overlay.yaml': dir.read('overlay.yaml'),
    };
    for (const [name, text] of Object.entries(outputs)) {
      if (name !== 'stdout') expect(text.length, name).toBeGreaterThan(0); // stdout is empty with --report
      // A short value (a title such as "Rev") counts as leaked as a word of its own, not inside
      // drift's own wording ("Review before applying").
      const leaked = secrets.filter((secret) =>
        secret.length >= 5
          ? text.includes(secret)
          : new RegExp(`(?<![A-Za-z0-9])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`).test(text),
      );
      expect(leaked, name).toEqual([]);
    }
  });
});
