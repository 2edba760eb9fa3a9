// npm run fidelity: prints every field and behaviour of the contract with its confidence;
// `npm run fidelity -- --write` also rewrites the README's copy (a test keeps them equal).
import { readFileSync, writeFileSync } from 'node:fs';
import { fidelityTableMarkdown, withFidelityTable } from '../mock-server/contract/fidelity-table.js';

process.stdout.write(`${fidelityTableMarkdown()}\n`);
if (process.argv.includes('--write')) writeFileSync('README.md', withFidelityTable(readFileSync('README.md', 'utf8')));
