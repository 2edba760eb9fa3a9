import { expect, vi } from 'vitest';
import { serve } from '../../mock-server/cli/serve.js';
import type { CliRun } from './cli-process.js';

/** Thrown by the stubbed `process.exit`, so start-up stops where the real process would. */
class Exited extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Runs the mock's start-up (`serve`, what `agentos-contacts [serve]` runs) in this process, for a
 * start-up that must refuse: its stdout, stderr and exit code, as `runCli` gives them, without
 * paying about a second of CPU to load a new process. Each refusal file keeps one spawned case, so
 * the real process path stays tested. Only the given MOCK_* variables are set, as with `runCli`.
 * Should start-up not refuse, the server it started is stopped through its own signal handlers
 * and the run reports exit code 0, so the test fails saying so.
 */
export async function refusedStart(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let exited: ((code: number) => void) | undefined;
  const exitCode = new Promise<number>((resolve) => (exited = resolve));
  let started = false;
  for (const name of Object.keys(process.env)) if (name.startsWith('MOCK_')) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  // serve() tunes V8's heap growth unless node's own flags name it; this worker is not its to tune.
  // (Only read there: a flag added to execArgv changes nothing in the running process.)
  const execArgv = process.execArgv;
  process.execArgv = [...execArgv, '--heap-growing-percent=20'];
  const listeners = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const spies = [
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      exited?.(Number(code ?? 0));
      if (!started) throw new Exited(Number(code ?? 0));
      return undefined as never;
    }),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    }),
  ];
  try {
    await serve(['node', 'agentos-contacts', ...args]);
    started = true;
    const added = SIGNALS.flatMap((signal) =>
      process.listeners(signal).filter((listener) => !listeners.get(signal)?.includes(listener)),
    );
    for (const signal of SIGNALS) for (const listener of added) process.off(signal, listener);
    // Both signals share one stop(): call it once.
    (added[0] as (() => void) | undefined)?.();
    return { code: await exitCode, signal: null, stdout, stderr };
  } catch (error) {
    if (error instanceof Exited) return { code: error.code, signal: null, stdout, stderr };
    throw error;
  } finally {
    for (const spy of spies) spy.mockRestore();
    vi.unstubAllEnvs();
    process.execArgv = execArgv;
  }
}

/** A refused start-up says why in one line on stderr, naming one of `names`, and nothing on stdout. */
export function expectOneLineNaming(run: CliRun, names: readonly string[]): void {
  const stderr = run.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(stderr, run.stderr).toHaveLength(1);
  const [line] = stderr as [string];
  expect(
    names.some((name) => line.includes(name)),
    line,
  ).toBe(true);
  expect(run.stdout).toBe('');
}
