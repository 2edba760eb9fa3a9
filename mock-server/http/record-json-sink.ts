import type { ConsentDetails } from '../../fixtures/people/person-factory.js';
import type { ChoiceList } from '../../fixtures/records/choice-list.js';
import { flat } from '../../fixtures/records/json-text.js';
import type { RecordSink } from '../../fixtures/records/record-sink.js';
import type { RecordLayout } from '../contract/record-layout.js';
import type { NullsMode } from '../options/mock-options.js';
import {
  constantRuns,
  extendRun,
  extendRunWithNulls,
  type ConstantRuns,
  type RunNode,
  type RunPieces,
  PIECE,
} from './constant-runs.js';

/** Key fragments of one position: whether the previous value left a quote to close, and whether this value opens one. */
const CLOSE = 2;
const OPEN = 1;

/**
 * Writes a record straight to JSON text, for records that are only sent: no object is built,
 * nothing is escaped per record (keys were escaped when the layout was compiled, pooled names
 * when their pool was built, and everything else is checked to need none), and `--nulls absent`
 * simply skips a null. The bytes are those of `JSON.stringify` of the record the object sink
 * builds (the property tests hold both to it).
 *
 * A record's text costs by the piece (each is a rope node to make, then to walk when the page
 * is turned into bytes), so pieces are joined where their text is known ahead: a key fragment
 * also closes the previous value's quote and opens its own, a choice is written with its key
 * (`choice`), and a run of nulls and booleans is joined with the key that follows it (see
 * constant-runs.ts): a withheld person's fourteen nulls and the next key are one piece.
 */
/** A layout's key fragments for one `--nulls` reading, made once per type. */
export interface JsonFragments extends RunPieces {
  readonly layout: RecordLayout;
  /** Key fragments joined with the items of choice lists, by CLOSE, then position. */
  readonly joined: readonly (readonly JoinedSlot[])[];
  /** The runs of constant pieces met so far (shared by every record of the type). */
  readonly runs: ConstantRuns;
  /** The first key with the comma before it that separates a record from the one before, by OPEN. */
  readonly separatedFirstKeys: readonly string[];
}

/**
 * The joined pieces of one position and variant, made as each item is first written. Every field
 * draws from one list (a second list would start the slot over: slower, never wrong), so finding
 * them is two loads and a compare, not a map lookup. A data set's lists hold a few thousand items.
 */
interface JoinedSlot {
  list: ChoiceList | undefined;
  pieces: (string | undefined)[];
}

export function jsonFragments(layout: RecordLayout, nulls: NullsMode): JsonFragments {
  const fragment = (variant: number, key: string, after: string): string =>
    flat(`${variant & CLOSE ? '"' : ''}${key}${after}`);
  const keys = [0, 1, 2, 3].map((variant) =>
    layout.keys.map((key) => fragment(variant, key, variant & OPEN ? '"' : '')),
  );
  return {
    layout,
    keys,
    nulls:
      nulls === 'null'
        ? [0, CLOSE].map((variant) => layout.keys.map((key) => fragment(variant, key, 'null')))
        : undefined,
    joined: [0, CLOSE].map(() => layout.keys.map(() => ({ list: undefined, pieces: [] }))),
    booleans: [0, CLOSE].map((variant) =>
      layout.keys.flatMap((key) => [fragment(variant, key, 'true'), fragment(variant, key, 'false')]),
    ),
    runs: constantRuns(layout.keys.length),
    separatedFirstKeys: [0, OPEN].map((variant) => flat(`,${keys[variant]?.[0] ?? ''}`)),
  };
}

/**
 * One record's writer. Made afresh for each record: it holds the growing text, and a young
 * object takes young strings without the write barrier's slow path that a long-lived one pays.
 */
export class RecordJsonSink implements RecordSink<string> {
  private text = '';
  private position = 0;
  /** The last value written was a string, so the next fragment starts with its closing quote. */
  private open = false;
  /** Constant pieces written but not yet appended: they are appended as one, with what follows. */
  private run: RunNode | undefined = undefined;
  private withheld: Uint8Array | undefined;
  private readonly layout: RecordLayout;
  private readonly pieces: JsonFragments;
  private readonly nullFragments: readonly (readonly string[])[] | undefined;
  private readonly joined: readonly (readonly JoinedSlot[])[];
  private readonly runs: ConstantRuns;

  /** `separated`: the record follows another in a list, so its first piece starts with the comma. */
  constructor(
    compiled: JsonFragments,
    private readonly separated = false,
  ) {
    this.layout = compiled.layout;
    this.pieces = compiled;
    this.nullFragments = compiled.nulls;
    this.joined = compiled.joined;
    this.runs = compiled.runs;
  }

  begin(fields: readonly string[], withheld: Uint8Array | undefined): void {
    if (fields !== this.layout.fields)
      throw new Error(`a sink for records of ${this.layout.fields.join()} got another field list`);
    this.text = '';
    this.position = 0;
    this.open = false;
    this.run = undefined;
    this.withheld = withheld;
  }

  /** Adds the constant piece of `kind` at `position` to the pending run. */
  private constant(position: number, kind: number): void {
    this.run = extendRun(this.runs, this.pieces, this.run, this.open, position, kind);
    this.open = kind === PIECE.keyOpening;
  }

  /** Appends the pending run, if any: what comes next is not known ahead. */
  private flushRun(): void {
    if (this.run === undefined) return;
    this.text += this.run.text;
    this.run = undefined;
  }

  /** Only the first key has no comma before it: it must never be left out. */
  private refuseEmptyFirst(position: number): void {
    if (position === 0) throw new Error(`the first property (${this.layout.fields[0]}) cannot be empty`);
  }

  /** The next position, or -1 when its value was written as null (empty or withheld). */
  private next(empty: boolean): number {
    const position = this.position++;
    if (!empty && this.withheld?.[position] !== 1) return position;
    this.refuseEmptyFirst(position);
    if (this.nullFragments !== undefined) this.constant(position, PIECE.null);
    return -1;
  }

  /** Appends a key (joined with any pending run) and then its value. */
  private append(position: number, opens: boolean, value: string): void {
    if (position === 0 && this.separated) {
      this.text += (this.pieces.separatedFirstKeys[opens ? 1 : 0] as string) + value;
      this.open = opens;
      return;
    }
    this.constant(position, opens ? PIECE.keyOpening : PIECE.key);
    this.flushRun();
    this.text += value;
  }

  plain(_key: string, value: string | null): void {
    const position = this.next(value === null);
    if (position >= 0) this.append(position, true, value as string);
  }

  pooled(_key: string, value: string | null, rendered: string): void {
    const position = this.next(value === null);
    if (position >= 0) this.append(position, true, rendered);
  }

  choice(_key: string, list: ChoiceList, index: number, suffix?: string): void {
    const position = this.next(false);
    if (position < 0) return;
    this.flushRun();
    // No layout starts with a choice, so a separated one just writes its comma first.
    if (position === 0 && this.separated) this.text += ',';
    const slot = (this.joined[this.open ? 1 : 0] as readonly JoinedSlot[])[position] as JoinedSlot;
    if (slot.list !== list) {
      slot.list = list;
      // Sized up front: items come in any order, and a far index into an empty array makes it a dictionary.
      slot.pieces = new Array<string | undefined>(list.values.length);
    }
    let piece = slot.pieces[index];
    if (piece === undefined) {
      const rendered = list.rendered[index];
      if (rendered === undefined) throw new RangeError(`${_key}: no item ${index} in a list of ${list.values.length}`);
      const key = (this.pieces.keys[(this.open ? CLOSE : 0) | OPEN] as readonly string[])[position] as string;
      piece = slot.pieces[index] = flat(key + rendered);
    }
    this.open = true;
    this.text += piece;
    if (suffix !== undefined) this.text += suffix;
  }

  number(_key: string, value: number | null): void {
    // JSON.stringify writes a number as String() does, and a non-finite one as null.
    const position = this.next(value === null || !Number.isFinite(value));
    if (position >= 0) this.append(position, false, String(value));
  }

  boolean(_key: string, value: boolean): void {
    const position = this.next(false);
    if (position >= 0) this.constant(position, value ? PIECE.true : PIECE.false);
  }

  plainList(_key: string, values: readonly string[]): void {
    const position = this.next(false);
    if (position >= 0) this.append(position, false, values.length === 0 ? '[]' : `["${values.join('","')}"]`);
  }

  consentDetails(_key: string, value: ConsentDetails | null): void {
    const position = this.next(value === null);
    if (position < 0 || value === null) return;
    // In the order person-factory builds the object (the contract's).
    const { Purpose, DateGiven, Source } = value;
    this.append(position, false, `{"Purpose":"${Purpose}","DateGiven":"${DateGiven}","Source":"${Source}"}`);
  }

  nulls(keys: readonly string[]): void {
    if (keys.length === 0) return;
    const first = this.position;
    this.refuseEmptyFirst(first);
    this.position += keys.length;
    if (this.nullFragments === undefined) return;
    this.run = extendRunWithNulls(this.runs, this.pieces, this.run, this.open, first, keys.length);
    this.open = false;
  }

  finish(): string {
    if (this.position !== this.layout.fields.length) {
      throw new Error(`record has ${this.position} of its ${this.layout.fields.length} fields`);
    }
    const run = this.run;
    const text =
      run !== undefined ? this.text + (run.closed ??= flat(`${run.text}}`)) : this.text + (this.open ? '"}' : '}');
    this.text = '';
    this.run = undefined;
    return text;
  }
}
