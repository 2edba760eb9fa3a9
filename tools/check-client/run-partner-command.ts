import { spawn } from 'node:child_process';

export interface CommandOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  /** Set when the command could not be started at all (not found, not executable). */
  readonly startError: string | undefined;
}

/** Where the command's own output goes (the terminal by default). */
export interface CommandOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

/** After SIGTERM, how long the command has to stop before SIGKILL. */
const KILL_GRACE_MS = 5_000;

/**
 * Runs the partner's command (any language) with the mock's address in its environment, and
 * stops it after `timeoutMs`: a command that never ends cannot hang the grade.
 */
export function runPartnerCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs: number,
  output: CommandOutput,
): Promise<CommandOutcome> {
  const [program, ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(program as string, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => output.stdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.stderr(chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ exitCode: null, signal: null, timedOut: false, startError: error.message });
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({ exitCode, signal, timedOut, startError: undefined });
    });
  });
}
