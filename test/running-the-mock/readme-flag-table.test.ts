import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../mock-server/options/cli-options.js';
import { flagTableMarkdown, withFlagTable } from '../../mock-server/options/flag-table.js';
import { REPO_ROOT } from '../support/cli-process.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe("the README's one flag table", () => {
  it('is the table the option table writes (run npm run docs:flags after changing an option)', () => {
    expect(withFlagTable(readme)).toBe(readme);
  });

  it('has a row for each option --help lists, with the same environment twin and default', () => {
    const help = buildCommand().helpInformation();
    const table = flagTableMarkdown();
    for (const option of buildCommand().options) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${option.long}`));
      expect(row, `a README row for ${option.long}`).toBeDefined();
      expect(row).toContain(`\`${option.envVar}\``);
      expect(help).toContain(option.long as string);
      expect(help).toContain(`env: ${option.envVar}`);
      const defaultCell = (row as string).split(' | ')[2] as string;
      expect(help).toContain(`(default: ${defaultCell.replace(/\\\|/g, '|')})`);
    }
    expect(table.split('\n').length - 2).toBe(buildCommand().options.length);
  });
});
