import { defaultText } from './cli-options.js';
import { environmentName, OPTION_TABLE } from './option-table.js';

export const FLAG_TABLE_START =
  '<!-- flag-table:start (npm run docs:flags writes this table from mock-server/options/option-table.ts) -->';
export const FLAG_TABLE_END = '<!-- flag-table:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's one flag table, row for row what --help prints. */
export function flagTableMarkdown(): string {
  const rows = OPTION_TABLE.map((spec) => {
    const flag = `--${spec.flag} ${spec.kind.argument ?? ''}`.trim();
    return `| \`${cell(flag)}\` | \`${environmentName(spec.flag)}\` | ${cell(defaultText(spec))} | ${cell(spec.description)} |`;
  });
  return ['| flag | environment | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README with its flag table replaced by the current one. */
export function withFlagTable(readme: string): string {
  const start = readme.indexOf(FLAG_TABLE_START);
  const end = readme.indexOf(FLAG_TABLE_END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${FLAG_TABLE_START} ... ${FLAG_TABLE_END} block`);
  // Prettier would re-pad the columns; the generated table is kept exactly as written.
  const table = `<!-- prettier-ignore-start -->\n${flagTableMarkdown()}\n<!-- prettier-ignore-end -->`;
  return `${readme.slice(0, start + FLAG_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
