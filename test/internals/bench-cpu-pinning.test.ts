import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { nodeCommand, pinningFromEnv } from '../../scripts/bench/cpu-pinning.js';

describe("bench:peers' optional CPU pinning", () => {
  it('is off unless BENCH_PEERS_PIN_CPUS=1, and then puts servers on the last core and the load on the first', () => {
    expect(pinningFromEnv({})).toBeUndefined();
    expect(pinningFromEnv({ BENCH_PEERS_PIN_CPUS: '0' })).toBeUndefined();
    if (os.availableParallelism() < 2) {
      expect(() => pinningFromEnv({ BENCH_PEERS_PIN_CPUS: '1' })).toThrow(/needs two CPUs/);
      return;
    }
    expect(pinningFromEnv({ BENCH_PEERS_PIN_CPUS: '1' })).toEqual({
      serverCpu: os.availableParallelism() - 1,
      loadCpu: 0,
    });
  });

  it('starts node itself when not pinned, and node under taskset on the core when pinned', () => {
    expect(nodeCommand(['server.js', '--port', '0'], undefined)).toEqual([
      process.execPath,
      ['server.js', '--port', '0'],
    ]);
    expect(nodeCommand(['server.js'], 1)).toEqual(['taskset', ['-c', '1', process.execPath, 'server.js']]);
  });

  // taskset is util-linux's, an essential package of Debian: every machine the suite runs on has it.
  it('really runs the pinned node on that core alone', () => {
    const [command, args] = nodeCommand(
      ['-e', "process.stdout.write(require('node:fs').readFileSync('/proc/self/status', 'utf8'))"],
      0,
    );
    const status = execFileSync(command, args, { encoding: 'utf8' });
    expect(/Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1]).toBe('0');
  });
});
