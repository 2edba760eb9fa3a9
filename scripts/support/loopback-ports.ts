import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Ports on loopback for the servers the benches and the tests start (the mock, Redis, nginx,
 * the peers): one copy of each helper for both.
 */

/** A port free right now on loopback (asked of the kernel, then released), for a server told to listen on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Answers true once something accepts connections on the port, false when nothing did within `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await delay(50);
  }
  return false;
}
