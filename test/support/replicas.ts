import type { ChildProcess } from 'node:child_process';
import { exitOf, spawnCli, waitForLine } from './cli-process.js';

export interface Replica {
  readonly child: ChildProcess;
  readonly url: string;
  /** What the process wrote to stderr so far (store warnings land here with --quiet). */
  readonly stderr: () => string;
}

/** Starts one mock process (`--quiet`, a free port) and resolves once it listens. */
export async function startReplica(args: readonly string[]): Promise<Replica> {
  const child = spawnCli(['--port', '0', '--quiet', ...args]);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [, url] = (await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/)) as RegExpMatchArray;
  return { child, url: url as string, stderr: () => stderr };
}

/** `count` replicas of one configuration, started together. */
export function startReplicas(count: number, args: readonly string[]): Promise<Replica[]> {
  return Promise.all(Array.from({ length: count }, () => startReplica(args)));
}

export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  for (const { child } of replicas) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(replicas.map(({ child }) => exitOf(child)));
}
