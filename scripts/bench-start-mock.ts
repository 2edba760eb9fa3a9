/**
 * `npm run bench:start-mock`: how long `startMock` (agentos-contacts-kit/testing) takes to its
 * first answer, one mock at a time (median against the 1 s target: PASS when the ratio is under 1),
 * and eight started together in one process (the wall time until all answer, and its share per
 * mock). A report: it exits 0 anyway; the machine's load moves these numbers.
 */
import { startMock, type RunningMock } from '../tools/testing/index.js';

const TARGET_MS = 1000;
const ROUNDS = 8;

async function timeToFirstAnswer(seed: number): Promise<{ ms: number; mock: RunningMock }> {
  const started = performance.now();
  const mock = await startMock({ seed });
  await mock.client.tenants.list({ count: 1 });
  return { ms: performance.now() - started, mock };
}

function line(name: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const worst = sorted[sorted.length - 1] as number;
  const verdict = median / TARGET_MS < 1 ? 'PASS' : 'MISS';
  return `${name.padEnd(16)} median ${median.toFixed(0).padStart(5)} ms (median/target ${(median / TARGET_MS).toFixed(2)} ${verdict}), worst ${worst.toFixed(0)} ms`;
}

const sequential: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const { ms, mock } = await timeToFirstAnswer(round);
  sequential.push(ms);
  await mock.stop();
}
const wallStart = performance.now();
const together = await Promise.all(Array.from({ length: ROUNDS }, (_, index) => timeToFirstAnswer(100 + index)));
const wallMs = performance.now() - wallStart;
await Promise.all(together.map(({ mock }) => mock.stop()));

process.stdout.write(`startMock to its first answer (target ${TARGET_MS} ms)\n`);
process.stdout.write(`${line('one at a time', sequential)}\n`);
process.stdout.write(
  `${`${ROUNDS} together`.padEnd(16)} all answering after ${wallMs.toFixed(0)} ms (${(wallMs / ROUNDS).toFixed(0)} ms per mock)\n`,
);
