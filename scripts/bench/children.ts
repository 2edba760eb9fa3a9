import { spawn, type ChildProcess } from 'node:child_process';
import { nodeCommand } from './cpu-pinning.js';

/** A server in its own node process, so /proc/PID/stat counts that server's CPU alone. */
export interface Server {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly child: ChildProcess;
}

const live = new Set<ChildProcess>();
let hooked = false;
/** The core every server is started on, when the bench pins them (see cpu-pinning.ts). */
let serverCpu: number | undefined;

export function startServersOn(cpu: number | undefined): void {
  serverCpu = cpu;
}

/** Kills every child still running when the bench exits, errors out or is interrupted. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
  for (const [signal, number] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping servers\n`);
      process.exit(128 + number);
    });
  }
}

/** Spawns `node args...` and tracks it until it exits. */
export function spawnNode(args: readonly string[]): ChildProcess {
  hookExit();
  // taskset execs node, so the child's pid is node's, as /proc readings need.
  const [command, commandArgs] = nodeCommand(args, serverCpu);
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

const LISTENING = /listening on (http:\/\/\S+)/;

/** Spawns a server that prints "... listening on http://HOST:PORT" and resolves once it has. */
export function startServer(name: string, args: readonly string[], timeoutMs = 30_000): Promise<Server> {
  const child = spawnNode(args);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name}: ${why}\n${stderr.trim()}`));
    };
    const onExit = (code: number | null): void => fail(`exited with code ${code} before listening`);
    const onStdout = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const match = LISTENING.exec(stdout);
      if (!match?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // Keep draining the pipe so a chatty server never blocks on a full buffer.
      child.stdout?.off('data', onStdout);
      child.stdout?.resume();
      resolve({ name, pid: child.pid, url: match[1], child });
    };
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', onExit);
    child.stdout?.on('data', onStdout);
  });
}

/** Stops a child with SIGTERM, then SIGKILL if it lingers. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
