import { freePort } from '../support/loopback-ports.js';
import { spawnNode, stop } from './children.js';
import { httpGet } from './http-get.js';
import { mockArgs } from './mock.js';
import { FIRST_ANSWER_POLL_MS, FIRST_ANSWER_RUNS, FIRST_ANSWER_SIZES } from './settings.js';

export interface FirstAnswerResult {
  /** Tenants configured; null is the mock's default. */
  readonly tenants: number | null;
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly maxMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from spawning the mock to its first 200 on a V4 route, polling every ~10 ms. */
async function timeOnce(tenants: number | undefined): Promise<number> {
  // The port is chosen up front: polling cannot wait for the mock to announce one.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/v4/contacts/demo/tenants/0/1`;
  const started = performance.now();
  const child = spawnNode(mockArgs(port, tenants === undefined ? [] : ['--tenants', String(tenants)]));
  child.stdout?.resume();
  child.stderr?.resume();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mock exited with ${child.exitCode} before answering`);
      if (performance.now() - started > 30_000) throw new Error('mock did not answer within 30 s');
      const status = await httpGet(url, false, 2000).then(
        (answer) => answer.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      await sleep(FIRST_ANSWER_POLL_MS);
    }
  } finally {
    await stop(child);
  }
}

export async function firstAnswer(): Promise<FirstAnswerResult[]> {
  const results: FirstAnswerResult[] = [];
  for (const tenants of FIRST_ANSWER_SIZES) {
    const runsMs: number[] = [];
    for (let run = 0; run < FIRST_ANSWER_RUNS; run++) runsMs.push(await timeOnce(tenants));
    const sorted = [...runsMs].sort((a, b) => a - b);
    results.push({
      tenants: tenants ?? null,
      runsMs,
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      maxMs: sorted[sorted.length - 1] ?? NaN,
    });
  }
  return results;
}
