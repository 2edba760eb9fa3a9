import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantChoices } from '../../fixtures/records/choice-list.js';
import { ObjectSink } from '../../fixtures/records/object-sink.js';
import type { RecordSink } from '../../fixtures/records/record-sink.js';
import { presentNulls } from '../../mock-server/consent/presentation.js';
import type { RecordLayout } from '../../mock-server/contract/record-layout.js';
import { constantRuns, extendRun, extendRunWithNulls, PIECE } from '../../mock-server/http/constant-runs.js';
import { jsonFragments, RecordJsonSink } from '../../mock-server/http/record-json-sink.js';
import type { NullsMode } from '../../mock-server/options/mock-options.js';

// A made-up record type: any mix of kinds in any order, where the data set's types are fixed.
const FIELDS = Array.from({ length: 14 }, (_, position) => `F${position}`);
const LAYOUT: RecordLayout = {
  fields: FIELDS,
  keys: FIELDS.map((name, position) => `${position === 0 ? '{' : ','}${JSON.stringify(name)}:`),
};
const LIST = constantChoices(['red', 'green', 'blue'], 'test colours');

type Write =
  | { kind: 'plain'; value: string | null }
  | { kind: 'number'; value: number | null }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'choice'; index: number; suffix: string | undefined }
  | { kind: 'list'; values: string[] }
  | { kind: 'nulls'; count: number };

const write = fc.oneof(
  fc.record({ kind: fc.constant('plain' as const), value: fc.option(fc.stringMatching(/^[a-z0-9 ]{0,6}$/)) }),
  fc.record({ kind: fc.constant('number' as const), value: fc.option(fc.integer({ min: -9, max: 9999 })) }),
  fc.record({ kind: fc.constant('boolean' as const), value: fc.boolean() }),
  fc.record({
    kind: fc.constant('choice' as const),
    index: fc.nat(2),
    suffix: fc.option(fc.constantFrom('1', 'AB'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('list' as const), values: fc.array(fc.constantFrom('x', 'yz'), { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('nulls' as const), count: fc.integer({ min: 1, max: 5 }) }),
);

/** Writes one record of the made-up type: `writes` from position 1 on, nulls to fill, as many as fit. */
function writeRecord<T>(sink: RecordSink<T>, writes: readonly Write[], withheld: Uint8Array | undefined): T {
  sink.begin(FIELDS, withheld);
  sink.plain('F0', 'first');
  let position = 1;
  for (const item of writes) {
    const key = FIELDS[position] as string;
    if (item.kind === 'nulls') {
      const keys = FIELDS.slice(position, Math.min(FIELDS.length, position + item.count));
      sink.nulls(keys);
      position += keys.length;
    } else {
      if (item.kind === 'plain') sink.plain(key, item.value);
      else if (item.kind === 'number') sink.number(key, item.value);
      else if (item.kind === 'boolean') sink.boolean(key, item.value);
      else if (item.kind === 'choice') sink.choice(key, LIST, item.index, item.suffix);
      else sink.plainList(key, item.values);
      position += 1;
    }
    if (position === FIELDS.length) break;
  }
  for (; position < FIELDS.length; position++) sink.plain(FIELDS[position] as string, null);
  return sink.finish();
}

describe('constant runs in records written straight to JSON', () => {
  it('leave the bytes as JSON.stringify of the object record, over many records sharing one set of runs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<NullsMode>('null', 'absent'),
        fc.array(
          fc.tuple(
            fc.array(write, { minLength: 1, maxLength: 16 }),
            fc.option(fc.array(fc.boolean(), { minLength: 14, maxLength: 14 })),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        (nulls, records) => {
          // One set of fragments for all the records, as a page shares them: runs made by one
          // record are reused by the next, so a wrong reuse shows up as wrong bytes.
          const fragments = jsonFragments(LAYOUT, nulls);
          for (const [writes, mask] of records) {
            const withheld =
              mask === null ? undefined : Uint8Array.from(mask, (bit, position) => (bit && position > 0 ? 1 : 0));
            const expected = JSON.stringify(presentNulls(writeRecord(new ObjectSink(), writes, withheld), nulls));
            expect(writeRecord(new RecordJsonSink(fragments), writes, withheld)).toBe(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('find a run of nulls in one step that is the run walked null by null, and keep each run once', () => {
    const fragments = jsonFragments(LAYOUT, 'null');
    const runs = constantRuns(FIELDS.length);
    const afterString = extendRun(runs, fragments, undefined, true, 2, PIECE.true);
    let walked = afterString;
    for (let position = 3; position <= 9; position++)
      walked = extendRun(runs, fragments, walked, false, position, PIECE.null);
    const inOneStep = extendRunWithNulls(runs, fragments, afterString, false, 3, 7);
    expect(inOneStep).toBe(walked);
    expect(inOneStep.text).toBe('","F2":true,"F3":null,"F4":null,"F5":null,"F6":null,"F7":null,"F8":null,"F9":null');
    expect(extendRunWithNulls(runs, fragments, afterString, false, 3, 7)).toBe(inOneStep);
    // Another length from the same run is walked, not the kept one taken.
    expect(extendRunWithNulls(runs, fragments, afterString, false, 3, 2).text).toBe('","F2":true,"F3":null,"F4":null');
    const ending = extendRun(runs, fragments, inOneStep, false, 10, PIECE.keyOpening);
    expect(ending.text.endsWith(',"F10":"')).toBe(true);
    expect(extendRun(runs, fragments, inOneStep, false, 10, PIECE.keyOpening)).toBe(ending);

    // With --nulls absent a null writes nothing, so a run may skip positions: each gap is its own run.
    const absent = jsonFragments(LAYOUT, 'absent');
    const absentRuns = constantRuns(FIELDS.length);
    const start = extendRun(absentRuns, absent, undefined, false, 2, PIECE.true);
    expect(extendRun(absentRuns, absent, start, false, 3, PIECE.false).text).toBe(',"F2":true,"F3":false');
    expect(extendRun(absentRuns, absent, start, false, 5, PIECE.false).text).toBe(',"F2":true,"F5":false');
  });
});
