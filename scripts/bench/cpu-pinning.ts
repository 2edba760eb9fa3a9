import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * Optional CPU pinning (`BENCH_PEERS_PIN_CPUS=1`): every server on one core, this process and its
 * load generator (autocannon runs in it) on another. On a shared machine the cost of the same code
 * moves with which core it lands on and with what shares that core's host; pinned, every target
 * meets the same core and none competes with the load generator or migrates mid-run. It also
 * confines a server's own helper threads (GC, libuv) to that one core: a server that leans on them
 * looks worse pinned than spread, so the bench reports pinning in its header and runs unpinned by
 * default.
 */
export interface CpuPinning {
  readonly serverCpu: number;
  readonly loadCpu: number;
}

export function pinningFromEnv(env: NodeJS.ProcessEnv = process.env): CpuPinning | undefined {
  if (env.BENCH_PEERS_PIN_CPUS !== '1') return undefined;
  const cpus = os.availableParallelism();
  if (cpus < 2) throw new Error(`BENCH_PEERS_PIN_CPUS=1 needs two CPUs; this machine has ${cpus}`);
  return { serverCpu: cpus - 1, loadCpu: 0 };
}

/** Pins every thread of this process to `cpu` (util-linux's taskset; Debian's util-linux package). */
export function pinThisProcess(cpu: number): void {
  try {
    execFileSync('taskset', ['-a', '-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
  } catch (error) {
    throw new Error('BENCH_PEERS_PIN_CPUS=1 needs taskset (apt-get install util-linux)', { cause: error });
  }
}

/** The command that starts `node args...` on `cpu`, or plain node when not pinned. */
export function nodeCommand(args: readonly string[], cpu: number | undefined): [string, string[]] {
  if (cpu === undefined) return [process.execPath, [...args]];
  return ['taskset', ['-c', String(cpu), process.execPath, ...args]];
}
