import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockTarget } from '../using-the-client/mock-target.js';
import { applyOverlay } from './support/apply-overlay.js';
import { driftedProvider, driftPlan, type DriftPlan } from './support/drifted-provider.js';
import {
  dateTimeContract,
  drift,
  startProvider,
  tempDir,
  type DriftOutcome,
  type JsonReport,
  type TempDir,
} from './support/drift-fixture.js';
import { datesAsLocalDateTimes } from './support/reading-rewrites.js';
import { startRewritingProxy, type RewritingProxy } from './support/rewriting-proxy.js';

describe('agentos-contacts drift against a provider that drifted', () => {
  let provider: MockTarget;
  let proxy: RewritingProxy;
  let dir: TempDir;
  let contract: string;
  let plan: DriftPlan;
  let run: DriftOutcome;
  let report: JsonReport;
  beforeAll(async () => {
    provider = await startProvider();
    plan = driftPlan();
    proxy = await startRewritingProxy(provider.baseUrl, [datesAsLocalDateTimes, driftedProvider(plan)]);
    dir = tempDir();
    contract = dateTimeContract(dir);
    run = await drift([
      '--base-url',
      proxy.baseUrl,
      '--contract',
      contract,
      '--rate-limit',
      '100/1s',
      '--json',
      dir.file('drift.json'),
      '--junit',
      dir.file('drift.xml'),
      '--write-overlay',
      dir.file('overlay.yaml'),
    ]);
    report = JSON.parse(dir.read('drift.json')) as JsonReport;
  });
  afterAll(async () => {
    await proxy.close();
    await provider.close();
    dir.remove();
  });

  const finding = (category: string, path: string, subject = 'listTenants') =>
    report.findings.find(
      (candidate) => candidate.category === category && candidate.path === path && candidate.subject === subject,
    );

  it('exits 1 and says drift', () => {
    expect(run.code).toBe(1);
    expect(report.outcome).toBe('fail');
    expect(run.stderr).toContain('drift: drift (exit 1)');
  });

  it('names each difference: renamed, dropped, added, retyped, date-time to date, Count to string', () => {
    const { renamed, dropped, retyped, dated, added } = plan;
    expect(finding('missing-required-property', `Data[].${renamed.from}`)?.severity).toBe('error');
    expect(finding('provider-only-property', `Data[].${renamed.to}`)?.message).toContain(
      `perhaps Data[].${renamed.from}, renamed`,
    );
    expect(finding('missing-required-property', `Data[].${dropped}`)?.severity).toBe('error');
    expect(finding('provider-only-property', `Data[].${added}`)?.severity).toBe('warning');
    expect(finding('type', `Data[].${retyped}`)?.message).toMatch(
      /is string on the provider; the contract says number/,
    );
    // A contract date-time is a `format` or (agentOS writes no offset) a `pattern`.
    expect((finding('format', `Data[].${dated}`) ?? finding('pattern', `Data[].${dated}`))?.message).toMatch(
      /looks like date on the provider; the contract says format date-time|do not match the contract's pattern \(they look like date\)/,
    );
    expect(finding('type', 'Count')?.message).toMatch(/Count is string on the provider; the contract says integer/);
    // The single record shows the same drift, under its own route.
    expect(finding('missing-required-property', dropped, 'getTenant')).toBeDefined();
    // Other contact types did not drift.
    expect(
      report.findings.filter(
        (candidate) =>
          candidate.subject === 'listLandlords' && candidate.severity !== 'info' && candidate.path !== 'Count',
      ),
    ).toEqual([]);
  });

  it('says how the contract labelled each property it found contradicted', () => {
    for (const candidate of report.findings.filter((entry) =>
      ['missing-required-property', 'type', 'format', 'pattern'].includes(entry.category),
    )) {
      expect(candidate.label?.kind, candidate.path).toMatch(/^(x-kit-assumption|x-agentos-evidence|unlabelled)$/);
    }
    const dropped = finding('missing-required-property', `Data[].${plan.dropped}`);
    expect(dir.read('drift.xml')).toContain(`missing-required-property: ${dropped?.schema} Data[].${plan.dropped}`);
  });

  it('writes an overlay that brings the contract to what was observed: a second run finds no drift', async () => {
    const document = load(readFileSync(contract, 'utf8')) as Record<string, unknown>;
    const overlay = load(dir.read('overlay.yaml')) as {
      overlay: string;
      actions: Array<{ target: string; update?: unknown; remove?: boolean }>;
    };
    expect(overlay.overlay).toBe('1.0.0');
    expect(overlay.actions.length).toBeGreaterThan(5);
    applyOverlay(document, overlay);
    writeFileSync(dir.file('overlaid.json'), JSON.stringify(document));
    const again = await drift([
      '--base-url',
      proxy.baseUrl,
      '--contract',
      dir.file('overlaid.json'),
      '--rate-limit',
      '100/1s',
      '--json',
      dir.file('again.json'),
    ]);
    const second = JSON.parse(dir.read('again.json')) as JsonReport;
    expect(second.findings.filter((entry) => entry.severity !== 'info')).toEqual([]);
    expect(again.code).toBe(0);
  });
});
