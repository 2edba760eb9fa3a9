import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../tools/drift/progress-line.js';
import type { JsonObject } from '../support/contract-document.js';
import {
  dateTimeContract,
  drift,
  DRIFT_KEY,
  providerForSuite,
  startProvider,
  type JsonReport,
} from './support/drift-fixture.js';
import { driftedProvider, driftPlan } from './support/drifted-provider.js';
import { datesAsLocalDateTimes } from './support/reading-rewrites.js';
import { startRewritingProxy } from './support/rewriting-proxy.js';

/** The node that defines `property` in any schema of the document (inside allOf too). */
function definingNode(document: JsonObject, property: string): JsonObject {
  const schemas = (document.components as JsonObject).schemas as Record<string, JsonObject>;
  const find = (node: JsonObject): JsonObject | undefined =>
    ((node.properties as JsonObject | undefined)?.[property] as JsonObject | undefined) ??
    ((node.allOf as JsonObject[] | undefined) ?? []).map(find).find(Boolean);
  const found = Object.values(schemas).map(find).find(Boolean);
  if (!found) throw new Error(`no schema defines ${property}`);
  return found;
}

describe('agentos-contacts drift: contract labels, writes and progress', () => {
  const suite = providerForSuite();

  it('says whether a contradicted property was a guess (x-kit-assumption) or evidence (x-agentos-evidence)', async () => {
    const plan = driftPlan();
    const document = load(readFileSync(dateTimeContract(suite.dir), 'utf8')) as JsonObject;
    const guessed = definingNode(document, plan.renamed.from);
    const evidenced = definingNode(document, plan.dropped);
    delete guessed['x-agentos-evidence'];
    delete evidenced['x-kit-assumption'];
    guessed['x-kit-assumption'] = 'Nothing public names it; modelled on CRM habits.';
    evidenced['x-agentos-evidence'] = 'V3 Diary, TenancyModel';
    writeFileSync(suite.dir.file('labelled.json'), JSON.stringify(document));
    const proxy = await startRewritingProxy(suite.provider.baseUrl, [datesAsLocalDateTimes, driftedProvider(plan)]);
    try {
      const run = await drift([
        '--base-url',
        proxy.baseUrl,
        '--contract',
        suite.dir.file('labelled.json'),
        '--rate-limit',
        '100/1s',
        '--json',
        suite.dir.file('labels.json'),
      ]);
      const report = JSON.parse(suite.dir.read('labels.json')) as JsonReport;
      const missing = (name: string) =>
        report.findings.find(
          (finding) =>
            finding.category === 'missing-required-property' &&
            finding.path === `Data[].${name}` &&
            finding.subject === 'listTenants',
        );
      expect(missing(plan.renamed.from)?.label).toEqual({
        kind: 'x-kit-assumption',
        text: 'Nothing public names it; modelled on CRM habits.',
      });
      expect(missing(plan.dropped)?.label).toEqual({ kind: 'x-agentos-evidence', text: 'V3 Diary, TenancyModel' });
      expect(run.stdout).toContain('guess measured (`x-kit-assumption`)');
      expect(run.stdout).toContain('evidence contradicted (`x-agentos-evidence`: V3 Diary, TenancyModel)');
      expect(run.code).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('probes the write route only with --allow-writes, writing back the value it read', async () => {
    const readOnly = await drift(['--base-url', suite.provider.baseUrl, '--rate-limit', '100/1s']);
    expect((await suite.provider.journal()).filter((entry) => entry.method === 'POST')).toEqual([]);
    expect(readOnly.stdout).toContain('not sent: writes are probed only with --allow-writes');
    const run = await drift([
      '--base-url',
      suite.provider.baseUrl,
      '--rate-limit',
      '100/1s',
      '--allow-writes',
      '--json',
      suite.dir.file('writes.json'),
    ]);
    const posts = (await suite.provider.journal()).filter((entry) => entry.method === 'POST');
    expect(posts.map((entry) => entry.status)).toEqual([200]);
    const path = posts[0]?.path.replace(/\/customfield$/, '/value') as string;
    // The value after the write is the value a fresh mock of the same seed (never written) has.
    const fresh = await startProvider();
    try {
      const read = async (base: string) => (await fetch(`${base}${path}`, { headers: { api_key: DRIFT_KEY } })).text();
      expect(await read(suite.provider.baseUrl)).toBe(await read(fresh.baseUrl));
    } finally {
      await fresh.close();
    }
    const report = JSON.parse(suite.dir.read('writes.json')) as JsonReport;
    expect(
      report.checks.find((check) => check.name === 'setCustomFieldValue: the value read, written back unchanged')
        ?.status,
    ).toBe('pass');
    expect(run.code).toBe(0);
  });

  it('draws one progress line with an ETA on a terminal, and nothing elsewhere', () => {
    let terminal = '';
    const line = progressLine({ write: (text: string) => (terminal += text), isTTY: true });
    line.update(3, 30, 20, 20, 4200);
    line.stop();
    expect(terminal).toContain('drift: 3/30 probes, 20/20 slots in use, ETA 5 s');
    let log = '';
    const quiet = progressLine({ write: (text: string) => (log += text), isTTY: false });
    quiet.update(3, 30, 20, 20, 4200);
    quiet.stop();
    expect(log).toBe('');
  });
});
