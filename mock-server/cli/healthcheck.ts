/**
 * The container's HEALTHCHECK: exits 0 when this machine's mock answers /healthz with 200.
 * Plain Node, no curl in the image; it reads the same MOCK_* variables as the CLI, so it follows
 * the port and HTTPS settings. Over HTTPS it does not check the certificate: it asks its own server.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

const environment = process.env;
const https = (environment.MOCK_TLS ?? 'off') !== 'off' || environment.MOCK_TLS_CERT !== undefined;
const bound = environment.MOCK_HOST ?? '127.0.0.1';
// A wildcard bind answers on loopback.
const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
const port = Number(environment.MOCK_PORT ?? environment.PORT ?? 4010);

const request = (https ? httpsGet : httpGet)(
  { host, port, path: '/healthz', timeout: 2_000, rejectUnauthorized: false },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  process.stderr.write(`healthcheck: ${host}:${port}: ${error.message}\n`);
  process.exit(1);
});
