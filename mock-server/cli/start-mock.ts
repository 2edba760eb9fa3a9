import type { AddressInfo } from 'node:net';
import { buildCommand, settingsFromFlags } from '../options/cli-options.js';
import { createMockServer } from '../create-mock-server.js';
import { createMockHttpServer } from '../http/mock-http-server.js';
import { OptionsError } from '../options/mock-options.js';
import { StateFileError } from '../state/state-file.js';
import { exposureWarning } from './exposure-warning.js';
import { loadTls, TlsSetupError } from './tls.js';

/** Starts the mock from command-line flags and MOCK_* variables (argv as process.argv: node, script, flags...). */
export async function startMock(argv: readonly string[]): Promise<void> {
  const command = buildCommand();
  command.parse([...argv]);
  const { mock: flags, serve: tlsFlags } = settingsFromFlags(command.opts());
  // Platforms inject PORT; it counts only when neither --port nor MOCK_PORT was given.
  const platformPort = process.env.PORT;
  const input =
    flags.port === undefined && platformPort !== undefined && /^\d+$/.test(platformPort.trim())
      ? { ...flags, port: Number(platformPort) }
      : flags;
  let mock;
  let tls;
  try {
    tls = await loadTls(tlsFlags, input.host ?? '127.0.0.1');
    mock = await createMockServer(input);
  } catch (error) {
    if (error instanceof TlsSetupError) {
      process.stderr.write(`error: ${error.flag}: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof StateFileError) {
      process.stderr.write(`error: --state-file: ${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof OptionsError) {
      process.stderr.write(`error: ${error.flag ?? error.option}: ${error.reason}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { options, logger } = mock;
  const scheme = tls ? 'https' : 'http';
  const { server, stop: stopServer } = createMockHttpServer(mock, tls ? { key: tls.key, cert: tls.cert } : undefined);
  server.listen(options.port, options.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`error: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    // On stderr even with --quiet: the warning is about who can reach the mock, not a request.
    const exposure = exposureWarning(options.host, options.adminToken);
    if (exposure) {
      logger.warn({ host: options.host }, exposure);
      process.stderr.write(`${exposure}\n`);
    }
    logger.info(
      {
        url: `${scheme}://${options.host}:${port}`,
        seed: options.seed,
        agencies: options.shortNames,
        store: mock.state.store.description,
      },
      'agentos-contacts mock listening',
    );
    // A client must trust this file to reach a self-signed server: say where it is, even when quiet.
    if (tls?.selfSigned) {
      logger.info({ certificate: tls.certPath }, 'self-signed certificate written: trust this PEM');
      if (options.quiet) process.stdout.write(`agentos-contacts mock certificate: ${tls.certPath}\n`);
    }
    if (options.quiet) process.stdout.write(`agentos-contacts mock listening on ${scheme}://${options.host}:${port}\n`);
  });
  const stop = (): void => {
    // Stop accepting, finish every request that reached the server (new connections included),
    // and close keep-alive sockets as soon as they are idle.
    stopServer(() => {
      // Once no request can change state: the store lets go of its connection (Redis), then exit.
      void mock.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
