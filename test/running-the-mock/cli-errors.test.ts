import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { expectOneLineNaming, refusedStart } from '../support/refused-start.js';

// The first case starts a process; the others run the same start-up in-process (refusedStart).
describe('the CLI rejects a bad setting with one line naming it', () => {
  it.each<{ name: string; args: string[]; env: Record<string, string>; names: string[]; spawn?: true }>([
    { name: '--port abc', args: ['--port', 'abc'], env: {}, names: ['--port'], spawn: true },
    {
      name: 'MOCK_CONSENT_RATE=2',
      args: [],
      env: { MOCK_CONSENT_RATE: '2' },
      names: ['--consent-rate', 'MOCK_CONSENT_RATE'],
    },
    // Passes the flag parser, then fails resolveOptions: the message must still name the flag.
    { name: '--short-name "not valid"', args: ['--short-name', 'not valid'], env: {}, names: ['--short-name'] },
  ])('$name', async ({ args, env, names, spawn }) => {
    const run = await (spawn ? runCli : refusedStart)(args, env);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expectOneLineNaming(run, names);
  });
});
