import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fidelityRows, withFidelityTable } from '../../mock-server/contract/fidelity-table.js';
import { loadContract } from '../../mock-server/contract/contract.js';
import { REPO_ROOT } from '../support/cli-process.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe("the README's fidelity table", () => {
  it('is the table the contract writes (run npm run fidelity -- --write after changing a label)', () => {
    expect(withFidelityTable(readme)).toBe(readme);
  });

  it('has a row for every property of every record schema, each with a confidence', () => {
    const rows = fidelityRows();
    const subjects = new Set(rows.map((row) => row.subject));
    const { document } = loadContract();
    for (const name of ['Branch', 'ContactBase', 'PersonContact', 'CustomFieldDefinition']) {
      const properties = Object.keys(document.components.schemas[name]?.properties as object);
      for (const property of properties) expect(subjects, `${name}.${property}`).toContain(`${name}.${property}`);
    }
    expect(rows.filter((row) => row.subject === 'Branch.EMailAddress')[0]?.confidence).toBe('agentOS evidence');
    expect(rows.filter((row) => row.subject === 'ContactBase.ThirdPartyMarketingConsent')[0]?.confidence).toBe(
      'kit assumption',
    );
  });
});
