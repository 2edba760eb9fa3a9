// npm run docs:flags: rewrites the README's flag table from the option table (a test keeps them equal).
import { readFileSync, writeFileSync } from 'node:fs';
import { withFlagTable } from '../mock-server/options/flag-table.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withFlagTable(readme));
