import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { buildCommand, settingsFromFlags } from '../options/cli-options.js';
import { createMockServer } from '../create-mock-server.js';
import { OptionsError } from '../options/mock-options.js';
import { StateFileError } from '../state/state-file.js';
import { loadTls, TlsSetupError } from './tls.js';
import { ProblemError } from '../pipeline/problems.js';

/** Starts the mock from command-line flags and MOCK_* variables (argv as process.argv: node, script, flags...). */
export async function serve(argv: readonly string[]): Promise<void> {
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
  const { app, options, logger } = mock;
  const scheme = tls ? 'https' : 'http';
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, app) : createHttpServer(app);
  // Errors Node's HTTP parser answers itself (oversize headers, garbage) follow --errors too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const problem = tooLarge
      ? new ProblemError('headers-too-large', 'The request headers are larger than the server accepts.')
      : new ProblemError('malformed-request', 'The request could not be read as HTTP.');
    const { contentType, body } = problem.render(options.errors);
    const text = JSON.stringify(body);
    const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${problem.status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });
  server.listen(options.port, options.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`error: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      { url: `${scheme}://${options.host}:${port}`, seed: options.seed, agencies: options.shortNames },
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
    // Stop accepting, let requests in flight finish, and do not wait on idle keep-alive sockets.
    server.close(() => {
      // Durable state is flushed here, once no request can change it (when MockServer gains a close()).
      process.exit(0);
    });
    server.closeIdleConnections();
    // A connection whose request was in flight turns idle once answered: close it then, not after
    // the 5 s keep-alive timeout.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
