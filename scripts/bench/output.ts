import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes the results as bench-output/<prefix>-<timestamp>.json (git-ignored); returns the path written. */
export function writeResults(root: string, results: Record<string, unknown>, prefix = 'bench'): string {
  const dir = path.join(root, 'bench-output');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return path.relative(root, file);
}
