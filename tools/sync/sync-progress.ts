/** What a sync reports as it goes; the CLI shows it as a bar on a terminal, or as log lines. */
export interface SyncProgress {
  /** The number of requests the sync now expects in all (it grows as list totals become known). */
  plan(totalRequests: number): void;
  /** One request done, with what it was for (`tenants 0004-f421-2742-3f00 1000/2345`). */
  advance(label: string): void;
  /** A line worth keeping (start, resume, summary). */
  log(message: string): void;
  stop(): void;
}

export const silentProgress: SyncProgress = {
  plan: () => undefined,
  advance: () => undefined,
  log: () => undefined,
  stop: () => undefined,
};

/** Plain lines for logs and CI: one per page, none per person (a count every 100). */
export function lineProgress(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): SyncProgress {
  let done = 0;
  let total = 0;
  return {
    plan: (requests) => {
      total = requests;
    },
    advance: (step) => {
      done += 1;
      if (!step.startsWith('person roles') || done % 100 === 0 || done === total) write(`[${done}/${total}] ${step}`);
    },
    log: write,
    stop: () => undefined,
  };
}
