import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drift, providerForSuite, type JsonReport } from './support/drift-fixture.js';
import { driftPlan } from './support/drifted-provider.js';
import { editedContract, toSwagger2 } from './support/provider-documents.js';

const REMOVED = '/v4/contacts/{shortName}/vendors/{vendorID}';

describe("agentos-contacts drift --provider-contract: the provider's own document", () => {
  const suite = providerForSuite();

  const edited = () => editedContract(REMOVED, driftPlan().renamed.from);

  for (const form of ['OpenAPI 3.1', 'Swagger 2.0'] as const) {
    it(`${form}: a removed route and a renamed property are named, by operation and by schema (exit 1)`, async () => {
      const { document, renamed } = edited();
      const file = suite.dir.file(`provider-${form === 'Swagger 2.0' ? 'swagger' : 'openapi'}.json`);
      writeFileSync(file, JSON.stringify(form === 'Swagger 2.0' ? toSwagger2(document) : document));
      const run = await drift([
        '--base-url',
        suite.provider.baseUrl,
        '--rate-limit',
        '100/1s',
        '--provider-contract',
        file,
        '--json',
        suite.dir.file('provider.json'),
      ]);
      const report = JSON.parse(suite.dir.read('provider.json')) as JsonReport;
      const route = report.findings.find((finding) => finding.category === 'route');
      expect(route?.subject).toBe('getVendor');
      expect(route?.message).toBe(`GET ${REMOVED} is in our contract, not in the provider's document.`);
      const document_ = report.findings.filter((finding) => finding.category === 'provider-document');
      const ours = document_.find((finding) => finding.path?.endsWith(renamed.from) && finding.severity === 'error');
      const theirs = document_.find((finding) => finding.path?.endsWith(renamed.to) && finding.severity === 'warning');
      expect(ours?.message).toMatch(
        new RegExp(
          `${renamed.from} is in our ${renamed.schema}; the provider's ${renamed.schema} has no such property`,
        ),
      );
      expect(theirs?.message).toContain(`${renamed.to} is in the provider's ${renamed.schema}`);
      // A schema shared by two routes (list and record) is reported under each route once.
      expect(new Set(document_.map((finding) => `${finding.subject}|${finding.path}`)).size).toBe(document_.length);
      expect(run.stdout).toContain("## The provider's own document");
      expect(run.code).toBe(1);
    });
  }

  it('a provider document fetched by URL that matches ours adds no finding (exit 0)', async () => {
    const run = await drift([
      '--base-url',
      suite.provider.baseUrl,
      '--rate-limit',
      '100/1s',
      '--provider-contract',
      `${suite.provider.baseUrl}/openapi.json`,
      '--json',
      suite.dir.file('same.json'),
    ]);
    const report = JSON.parse(suite.dir.read('same.json')) as JsonReport;
    expect(
      report.findings.filter((finding) => ['route', 'parameter', 'provider-document'].includes(finding.category)),
    ).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('an unreadable provider document is unusable input (exit 2)', async () => {
    const missing = await drift([
      '--base-url',
      suite.provider.baseUrl,
      '--provider-contract',
      suite.dir.file('nope.json'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--provider-contract: cannot read');
    writeFileSync(suite.dir.file('not-openapi.json'), '{"hello": 1}');
    const wrong = await drift([
      '--base-url',
      suite.provider.baseUrl,
      '--provider-contract',
      suite.dir.file('not-openapi.json'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('neither Swagger 2.0 nor OpenAPI 3.x');
  });
});
