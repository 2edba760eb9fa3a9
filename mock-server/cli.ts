#!/usr/bin/env node
import type { AddressInfo } from 'node:net';
import { buildCommand, FLAG_OF_OPTION, optionsFromFlags } from './cli-options.js';
import { createMockServer } from './create-mock-server.js';
import { OptionsError } from './options.js';

async function main(argv: string[]): Promise<void> {
  const command = buildCommand();
  command.parse(argv);
  const input = optionsFromFlags(command.opts());
  let mock;
  try {
    mock = await createMockServer(input);
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(
        `error: ${FLAG_OF_OPTION[error.option] ?? error.option}: ${error.message.slice(error.option.length + 2)}\n`,
      );
      process.exit(2);
    }
    throw error;
  }
  const { app, options, logger } = mock;
  const server = app.listen(options.port, options.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`error: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      { url: `http://${options.host}:${port}`, seed: options.seed, agencies: options.shortNames },
      'agentos-contacts mock listening',
    );
    if (options.quiet) process.stdout.write(`agentos-contacts mock listening on http://${options.host}:${port}\n`);
  });
  const stop = (): void => {
    // Stop accepting, let requests in flight finish, and do not wait on idle keep-alive sockets.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
