import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockTarget } from '../using-the-client/mock-target.js';
import {
  agentosErrors,
  datesAsLocalDateTimes,
  datesUtc,
  nullsAbsent,
  nullsPresent,
  overMaxClamp,
  problemErrors,
  retryAfter,
  unpagedArray,
  unpagedEnvelope,
} from './support/reading-rewrites.js';
import { startRewritingProxy, type AnswerRewrite, type RequestRewrite } from './support/rewriting-proxy.js';
import {
  dateTimeContract,
  drift,
  readingOf,
  startProvider,
  tempDir,
  type JsonReport,
  type TempDir,
} from './support/drift-fixture.js';

// The mock under each reading, emulated by a proxy (the mock's own switches come with the
// fidelity work): one run serves one value of every switch, the other run the other value.
const READINGS: ReadonlyArray<{
  name: string;
  rewrites: AnswerRewrite[];
  requests: RequestRewrite[];
  expected: Record<string, string>;
}> = [
  {
    name: 'nulls written, {"Message"} errors, bare arrays, UTC dates, clamped counts',
    rewrites: [datesAsLocalDateTimes, datesUtc, nullsPresent, agentosErrors, unpagedArray],
    requests: [overMaxClamp],
    expected: {
      '--nulls': 'null',
      '--errors': 'agentos',
      '--unpaged': 'array',
      '--dates': 'utc',
      '--over-max': 'clamp',
    },
  },
  {
    name: 'nulls left out, problem+json errors, envelopes, local dates, refused counts',
    rewrites: [datesAsLocalDateTimes, nullsAbsent, problemErrors, unpagedEnvelope],
    requests: [],
    expected: {
      '--nulls': 'absent',
      '--errors': 'problem',
      '--unpaged': 'envelope',
      '--dates': 'local',
      '--over-max': 'reject',
    },
  },
];

describe('agentos-contacts drift names the reading a provider serves', () => {
  let provider: MockTarget;
  let dir: TempDir;
  let contract: string;
  beforeAll(async () => {
    provider = await startProvider();
    dir = tempDir();
    contract = dateTimeContract(dir);
  });
  afterAll(async () => {
    await provider.close();
    dir.remove();
  });

  for (const reading of READINGS) {
    it(`${reading.name}: the matching flags are suggested, and it is not drift (exit 0)`, async () => {
      const proxy = await startRewritingProxy(provider.baseUrl, reading.rewrites, reading.requests);
      try {
        const json = dir.file(`${reading.expected['--nulls']}.json`);
        const run = await drift([
          '--base-url',
          proxy.baseUrl,
          '--contract',
          contract,
          '--rate-limit',
          '100/1s',
          '--json',
          json,
        ]);
        const report = JSON.parse(dir.read(`${reading.expected['--nulls']}.json`)) as JsonReport;
        for (const [name, value] of Object.entries(reading.expected)) expect(readingOf(report, name), name).toBe(value);
        const flags = report.suggestions.find((suggestion) => suggestion.kind === 'mock-flags')?.flags ?? [];
        for (const [name, value] of Object.entries(reading.expected)) {
          expect(flags.join(' ')).toContain(`${name} ${value}`);
        }
        expect(run.stdout).toContain(`\`agentos-contacts serve ${flags.join(' ')}\``);
        expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
        expect(run.code).toBe(0);
      } finally {
        await proxy.close();
      }
    });
  }

  for (const send of [true, false]) {
    it(`a provider stricter than --rate-limit: its 429s stop their routes, are never retried, and show --retry-after ${send ? 'send' : 'omit'} (exit 3)`, async () => {
      const strict = await startProvider({ rateLimit: { requests: 8, windowMs: 1000 }, blockAfter: 50 });
      const proxy = await startRewritingProxy(strict.baseUrl, [datesAsLocalDateTimes, retryAfter(send)]);
      try {
        const run = await drift([
          '--base-url',
          proxy.baseUrl,
          '--contract',
          contract,
          '--rate-limit',
          '20/1s',
          '--json',
          dir.file('limited.json'),
        ]);
        const report = JSON.parse(dir.read('limited.json')) as JsonReport;
        expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
        expect(run.code).toBe(3);
        expect(report.outcome).toBe('incomplete');
        expect(readingOf(report, '--retry-after')).toBe(send ? 'send' : 'omit');
        const limited = report.checks.filter((check) => check.observed === '429');
        expect(limited.length).toBeGreaterThan(0);
        expect(report.details.budget.rateLimited).toBe(limited.length);
        // Each 429 stops its route: no route meets two.
        const routes = limited.map((check) => check.name.split(':')[0]);
        expect(new Set(routes).size).toBe(routes.length);
        expect(dir.read('limited.json')).toContain('rate-limited (429)');
      } finally {
        await proxy.close();
        await strict.close();
      }
    });
  }
});
