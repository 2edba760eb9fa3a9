#!/usr/bin/env -S node --max-semi-space-size=4
// `agentos-contacts`: one command for the mock and the partner tools. `serve` is the default, so
// `agentos-contacts --port 4010` (and the `agentos-contacts-mock` alias) start the mock.
// Each tool is imported only when asked for, so starting the mock loads none of them.

type Run = (argv: readonly string[]) => Promise<number>;

const TOOLS: Readonly<Record<string, { readonly summary: string; readonly load: () => Promise<Run> }>> = {
  sync: {
    summary: 'copy every contact into SQLite, within the rate limit, resumable',
    load: async () => (await import('./sync/cli.js')).runSyncCommand,
  },
  'check-client': {
    summary: 'run your own command against the mock and grade it: limits, paging, retries, identification',
    load: async () => (await import('./check-client/cli.js')).runCheckClientCommand,
  },
  'verify-pact': {
    summary: 'verify pact files against the mock (or a provider)',
    load: async () => async (argv) =>
      (await import('./pact/pact-commands.js')).runPactCommand(['verify-pact', ...argv]),
  },
  drift: {
    summary: 'measure where a provider differs from the contract, within its rate limit',
    load: async () => (await import('./drift/cli.js')).runDriftCommand,
  },
  'check-pact': {
    summary: 'check pact files against the contract, offline',
    load: async () => async (argv) => (await import('./pact/pact-commands.js')).runPactCommand(['check-pact', ...argv]),
  },
};

/** The subcommand list, printed by `agentos-contacts help` and after `serve --help`. */
export function toolSummary(): string {
  const lines = ['Commands:', '  serve [flags]        start the mock (the default; see agentos-contacts --help)'];
  for (const [name, tool] of Object.entries(TOOLS)) lines.push(`  ${name.padEnd(20)} ${tool.summary}`);
  return `${lines.join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<void> {
  const [node = 'node', script = 'agentos-contacts', name, ...rest] = argv;
  if (name === 'help') {
    process.stdout.write(toolSummary());
    return;
  }
  const tool = name === undefined ? undefined : TOOLS[name];
  if (tool) {
    process.exitCode = await (await tool.load())(rest);
    return;
  }
  const { serve } = await import('../mock-server/cli/serve.js');
  await serve(name === 'serve' ? [node, script, ...rest] : argv);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
