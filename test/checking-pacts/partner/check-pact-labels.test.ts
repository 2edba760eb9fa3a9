import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractsDirectory, loadContract } from '../../../mock-server/contract/contract.js';
import { checkPacts, CONTRADICTED_FILE, type CheckResult } from '../../../tools/pact/check-pacts.js';
import { labelFindings, loadContradictions } from '../../../tools/pact/evidence-labels.js';
import { runPactCommand } from '../../../tools/pact/pact-commands.js';

// check-pact reads the contract's confidence labels at run time: a labelled fixture contract
// stands in for the kit's own (which gains its labels with issue 10's contract rewrite).
const CONTRACT = 'test/checking-pacts/fixtures/labelled-contract.yaml';
const PACT = 'test/checking-pacts/fixtures/labelled-partner.pact.json';

async function results(): Promise<Map<string, CheckResult>> {
  const checked = await checkPacts([PACT], { contractFile: CONTRACT });
  return new Map(checked.map((result) => [result.description, result]));
}

describe('check-pact reads x-kit-assumption and the evidence that contradicts a property', () => {
  it('passes a pact that uses agentOS’s own names, without warnings', async () => {
    const result = (await results()).get("branches by agentOS's own names");
    expect(result).toMatchObject({ ok: true, reasons: [], warnings: [] });
  });

  it('fails Email and Telephone on a branch, naming the evidence and what to use, once per property', async () => {
    const result = (await results()).get('branches with generic REST names');
    expect(result?.ok).toBe(false);
    expect(result?.reasons).toEqual([
      "$.Data[0].Email: expects Email, which agentOS's evidence contradicts: agentOS's BranchModel (five published documents) has EMailAddress, not Email; use EMailAddress",
      "$.Data[0].Telephone: expects Telephone, which agentOS's evidence contradicts: agentOS's BranchModel (five published documents) has LandPhone and FaxPhone, not Telephone; use LandPhone",
    ]);
  });

  it('warns, and passes, when a pact relies on properties the contract labels as assumptions', async () => {
    const result = (await results()).get("a tenant relying on the kit's guesses");
    expect(result?.ok).toBe(true);
    expect(result?.warnings).toEqual([
      '$.PersonID: relies on PersonID, a kit assumption that may not exist live: No public document shows how V4 links roles to a person.',
      '$.ThirdPartyMarketingConsent: relies on ThirdPartyMarketingConsent, a kit assumption that may not exist live: The V4 article names the consent; its field name is our guess.',
      '$.ConsentDetails: relies on ConsentDetails, a kit assumption that may not exist live: Nothing public shows consent details.',
      '$.ConsentDetails.Source: relies on Source, a kit assumption that may not exist live: A guess.',
    ]);
  });

  it('fails Town and a nested Address on any schema, and a schema’s own x-agentos-contradicted', async () => {
    const result = (await results()).get('a tenant with a town and a nested address');
    expect(result?.ok).toBe(false);
    expect(result?.reasons.map((reason) => reason.split(':')[0])).toEqual(['$.Town', '$.Address', '$.PreferredName']);
    expect(result?.reasons[0]).toMatch(/the post town is Address3 of a flat address; use Address3$/);
    expect(result?.reasons[2]).toMatch(/people have Forename and Surname only; use Forename$/);
    // Reported once, with the evidence, not again as a property the contract lacks.
    expect(result?.reasons.join('\n')).not.toMatch(/which the contract does not have/);
  });

  it('a contract that declares a contradicted property itself is trusted (an older contract keeps its pacts valid)', () => {
    const document = {
      openapi: '3.1.0',
      paths: {},
      components: {
        securitySchemes: {},
        schemas: { Old: { type: 'object', properties: { Town: { type: 'string' } } } },
      },
    };
    const town = [{ property: 'Town', schemas: '*' as const, evidence: 'flat addresses' }];
    const old = { $ref: '#/components/schemas/Old' };
    expect(labelFindings(document, old, { Town: 'Bath' }, town).failures).toEqual([]);
    expect(labelFindings(document, { type: 'object' }, { Town: 'Bath' }, town).failures).toEqual([
      "$.Town: expects Town, which agentOS's evidence contradicts: flat addresses",
    ]);
  });

  it('reads a schema’s own x-agentos-contradicted next to the list file', () => {
    const { document } = loadContract(CONTRACT);
    expect(loadContradictions(document, undefined)).toEqual([
      {
        property: 'PreferredName',
        schemas: ['ContactBase'],
        evidence: 'V4 Applications help page: people have Forename and Surname only',
        instead: 'Forename',
      },
    ]);
  });

  it('the command prints warnings under PASS, fails on contradictions, and counts both', async () => {
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      out += chunk;
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runPactCommand(['check-pact', PACT, '--contract', CONTRACT]);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(1);
    expect(out).toMatch(
      /^PASS a tenant relying on the kit's guesses.*\n {5}warning: \$\.PersonID: relies on PersonID/m,
    );
    expect(out).toMatch(/^FAIL branches with generic REST names/m);
    expect(out).toMatch(
      /4 interactions checked against the contract: 2 passed, 2 failed, 1 relying on the kit's assumptions/,
    );
  });
});

// The kit's own contract must agree with the list: no schema may declare a property the list says
// agentOS lacks there.
describe('the kit contract and contracts/agentos-contradicted.json agree', () => {
  it('no schema declares a contradicted property', () => {
    const { document } = loadContract();
    expect(JSON.stringify(document)).toContain('"x-kit-assumption"');
    const list = loadContradictions(document, join(contractsDirectory(), CONTRADICTED_FILE));
    const schemas = document.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    const declared = Object.entries(schemas).flatMap(([name, schema]) =>
      Object.keys(schema.properties ?? {})
        .filter((property) =>
          list.some((entry) => entry.property === property && (entry.schemas === '*' || entry.schemas.includes(name))),
        )
        .map((property) => `${name}.${property}`),
    );
    expect(declared).toEqual([]);
  });
});

// Without consent, agentOS (Json.NET) writes a withheld field as null; `--nulls absent` leaves it out.
// Either is no leak: only a value is.
describe('check-pact and a person without consent', () => {
  const GOOD_PACT = 'test/checking-pacts/fixtures/partner-crm.pact.json';

  async function checkVendorBody(content: Record<string, unknown>): Promise<CheckResult> {
    const pact = JSON.parse(readFileSync(GOOD_PACT, 'utf8')) as PactFile;
    const vendor = pact.interactions.find((interaction) => interaction.description.includes('not consented'));
    if (!vendor) throw new Error(`${GOOD_PACT} lost its vendor-without-consent interaction`);
    vendor.response.body.content = { ...vendor.response.body.content, ...content };
    pact.interactions = [vendor];
    const file = join(mkdtempSync(join(tmpdir(), 'check-pact-nulls-')), 'pact.json');
    writeFileSync(file, JSON.stringify(pact));
    const [checked] = await checkPacts([file]);
    if (!checked) throw new Error('check-pact checked nothing');
    return checked;
  }

  it('passes withheld fields written as null', async () => {
    const result = await checkVendorBody({ Forename: null, EmailAddress: null, MobilePhone: null });
    expect(result.reasons).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails a withheld field that carries a value, naming it', async () => {
    const result = await checkVendorBody({ Forename: null, EmailAddress: 'amelia@example.co.uk' });
    expect(result.ok).toBe(false);
    expect(result.reasons).toEqual([
      '$: a person without consent, yet the example has personal fields EmailAddress (withheld fields are null or absent)',
    ]);
  });
});

interface PactFile {
  interactions: { description: string; response: { body: { content: Record<string, unknown> } } }[];
}
