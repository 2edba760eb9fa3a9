import { freePort } from '../../support/loopback-ports.js';
import { spawnNode, stop, type Server } from '../children.js';
import { httpGet } from '../http-get.js';
import { PEER_BINS } from './install-peers.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawns a server that does not announce its port in the mock's words: the port is chosen up
 * front and `probe` is polled until it answers 200 (bounded by timeoutMs).
 */
async function startPolled(
  name: string,
  args: (port: number) => readonly string[],
  probe: string,
  timeoutMs = 60_000,
): Promise<Server> {
  const port = await freePort();
  const child = spawnNode(args(port));
  let output = '';
  const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    if (performance.now() - started > timeoutMs) {
      await stop(child);
      throw new Error(`${name} did not answer ${probe} within ${timeoutMs} ms:\n${output}`);
    }
    const status = await httpGet(url + probe, false, 5000).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 200 && child.pid !== undefined) return { name, pid: child.pid, url, child };
    await sleep(200);
  }
}

/** Prism in static mode (answers the spec's examples), in one process, logging warnings only. */
export function startPrism(spec: string, probe: string): Promise<Server> {
  return startPolled(
    'Prism',
    (port) => [PEER_BINS.prism, 'mock', spec, '--host', '127.0.0.1', '--port', String(port), '-v', 'warn'],
    probe,
  );
}

/** Mockoon's CLI on the same OpenAPI file (it converts it to an environment), no log file, no admin API. */
export function startMockoon(spec: string, probe: string): Promise<Server> {
  return startPolled(
    'Mockoon',
    (port) => [
      PEER_BINS.mockoon,
      'start',
      '--data',
      spec,
      '--port',
      String(port),
      '--hostname',
      '127.0.0.1',
      '--disable-log-to-file',
      '--disable-admin-api',
    ],
    probe,
  );
}
