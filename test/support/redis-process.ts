import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, waitForPort } from '../../scripts/support/loopback-ports.js';
import { exitOf } from './cli-process.js';

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
