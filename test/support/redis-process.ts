import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { exitOf } from './cli-process.js';

/** A free TCP port on loopback (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Answers true once something accepts connections on the port, within `timeoutMs`. */
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

/** A redis-server of the test's own on loopback, no persistence; `stop` and `start` again keep the port. */
export class RedisProcess {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly binary: string,
    readonly port: number,
  ) {}

  static async start(binary: string): Promise<RedisProcess> {
    const redis = new RedisProcess(binary, await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      this.binary,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
      ],
      { stdio: 'ignore' },
    );
    if (!(await waitForPort(this.port))) throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Every key and value in this Redis that contains `text` (to prove a secret never reached it). */
  async keyValues(text: string): Promise<string[]> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    try {
      const found: string[] = [];
      for (const key of await client.keys('*')) {
        const type = await client.type(key);
        const dump =
          type === 'list'
            ? (await client.lrange(key, 0, -1)).join('\n')
            : type === 'hash'
              ? JSON.stringify(await client.hgetall(key))
              : String(await client.get(key));
        if (key.includes(text) || dump.includes(text)) found.push(key);
      }
      return found;
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill('SIGKILL');
    await exitOf(child);
  }
}
