import { describe, expect, it } from 'vitest';
import { loadContract } from '../../mock-server/contract/contract.js';

describe('the served contract shows each confidence label in its description (Swagger UI)', () => {
  const served = JSON.parse(loadContract().jsonText) as {
    components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
  };

  it('evidence and assumptions alike, keeping the description that was there', () => {
    const base = served.components.schemas.ContactBase!.properties;
    expect(base.EmailAddress?.description).toMatch(/^Unique per person\.\n\n\*\*agentOS evidence:\*\* V4 Applications/);
    expect(base.ThirdPartyMarketingConsent?.description).toContain('**Kit assumption (nothing public shows this):**');
    const branch = served.components.schemas.Branch!.properties;
    expect(branch.FaxPhone?.description).toBe('**agentOS evidence:** V2/V3, BranchModel');
  });

  it('leaves the document the mock works from untouched', () => {
    const { document } = loadContract();
    const schemas = document.components.schemas as Record<
      string,
      { properties: Record<string, { description?: string }> }
    >;
    expect(schemas.Branch!.properties.FaxPhone?.description).toBeUndefined();
  });
});
