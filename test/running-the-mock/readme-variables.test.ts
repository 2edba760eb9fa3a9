import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCommand } from '../../mock-server/options/cli-options.js';
import { REPO_ROOT } from '../support/cli-process.js';

/** Every environment twin the CLI reads, straight from the command definition. */
const VARIABLES = buildCommand()
  .options.map((option) => option.envVar)
  .filter((name): name is string => name !== undefined);

function dockerSection(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Docker, HTTPS and Swagger UI');
  expect(start, 'the README has a "Docker, HTTPS and Swagger UI" section').toBeGreaterThan(-1);
  const next = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, next === -1 ? undefined : next);
}

describe('the container settings are documented', () => {
  it('the README names only MOCK_* variables that exist, and its one flag table has them all', () => {
    expect(VARIABLES.length).toBeGreaterThan(20);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const named = new Set([...readme.matchAll(/\b(MOCK_[A-Z_]+[A-Z])\b/g)].map((match) => match[1]));
    for (const name of named) expect(VARIABLES, `README names ${name}`).toContain(name);
    const rows = [...readme.matchAll(/^\| `--[^`]+` \| `(MOCK_[A-Z_]+)`/gm)].map((match) => match[1]);
    expect([...rows].sort()).toEqual([...VARIABLES].sort());
    expect(dockerSection()).toContain('[flag table](#every-flag)');
  });

  it('docker-compose.yml sets the mock up only through variables that exist', () => {
    const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { build?: string; ports?: string[]; environment?: Record<string, string> }>;
    };
    const [service] = Object.values(compose.services);
    expect(service?.build).toBe('.');
    expect(service?.ports).toContain('4010:4010');
    const names = Object.keys(service?.environment ?? {});
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(VARIABLES).toContain(name);
  });
});
