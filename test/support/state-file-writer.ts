/**
 * A child process for the crash-safety test: `node --import tsx test/support/state-file-writer.ts PATH`
 * saves states with an increasing counter in a tight loop until it is killed (or 10 s pass).
 * It continues from the counter it loads, prints "saved N" after its first save, and every state
 * it writes is self-checking: see `writerState`.
 */
import { fileURLToPath } from 'node:url';
import { StateFile, type DurableState } from '../../mock-server/state/state-file.js';

export const WRITER_ENTRIES = 300;

/** State number `counter`: every entry carries the counter, so a mix of two states is detectable. */
export function writerState(counter: number): DurableState {
  return {
    version: 1,
    customFieldValues: Array.from({ length: WRITER_ENTRIES }, (_, index) => ({
      agency: 'demo',
      objectId: `TEN-${String(index).padStart(10, '0')}`,
      fieldId: 'TEN-CF02',
      value: `counter-${counter}`,
    })),
    consentOverrides: [{ agency: 'demo', personId: `PER-${String(counter).padStart(10, '0')}`, consented: true }],
  };
}

/** The counter of a state `writerState` made, or throws when the state is anything else. */
export function counterOf(state: DurableState): number {
  if (state.customFieldValues.length === 0 && state.consentOverrides.length === 0) return -1;
  const counter = Number(state.consentOverrides[0]?.personId.slice(4));
  const expected = JSON.stringify(writerState(counter));
  if (!Number.isSafeInteger(counter) || JSON.stringify(state) !== expected) {
    throw new Error(`not a state the writer wrote: ${JSON.stringify(state).slice(0, 200)}`);
  }
  return counter;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new StateFile(process.argv[2] as string);
  let counter = counterOf(file.load()) + 1;
  file.save(writerState(counter));
  process.stdout.write(`saved ${counter}\n`);
  const stopAt = Date.now() + 10_000; // never outlives a test that forgot to kill it
  while (Date.now() < stopAt) file.save(writerState(++counter));
}
