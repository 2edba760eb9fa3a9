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
 * A page's record writer, reused record after record (`begin` starts each): made once a page, it
 * stays a young object while the page is written, so storing young strings into it takes the
 * write barrier's fast path, and no writer is allocated per record.
 *
 * Each field is one call that finds its key fragment and appends it with the value: the fragment
 * is the pending run's (constants joined with the key) when one is pending, else the key's own.
 */
export class RecordJsonSink implements RecordSink<string> {
  private text = '';
  private position = 0;
  /** The last value written was a string, so the next fragment starts with its closing quote. */
  private open = false;
  /** Constant pieces written but not yet appended: they are appended as one, with what follows. */
  private run: RunNode | undefined = undefined;
  private withheld: Uint8Array | undefined = undefined;

  /** `separated`: the next record follows another in a list, so its first piece starts with the comma. */
  constructor(
    private readonly compiled: JsonFragments,
    public separated = false,
  ) {}

  begin(fields: readonly string[], withheld: Uint8Array | undefined): void {
    if (fields !== this.compiled.layout.fields)
      throw new Error(`a sink for records of ${this.compiled.layout.fields.join()} got another field list`);
    this.text = '';
    this.position = 0;
    this.open = false;
    this.run = undefined;
    this.withheld = withheld;
  }

  /** Whether the property at `position` is withheld (written as null whatever its value). */
  private isWithheld(position: number): boolean {
    return this.withheld !== undefined && this.withheld[position] === 1;
  }

  /** Only the first key has no comma before it: it must never be left out. */
  private refuseEmptyFirst(position: number): void {
    if (position === 0) throw new Error(`the first property (${this.compiled.layout.fields[0]}) cannot be empty`);
  }

  /** Adds the constant piece (a null or a boolean) of `kind` at `position` to the pending run. */
  private addConstant(position: number, kind: number): void {
    this.run = extendRun(this.compiled.runs, this.compiled, this.run, this.open, position, kind);
    this.open = false;
  }

  /** A null at `position` (empty or withheld): a constant piece, or nothing with `--nulls absent`. */
  private writeNull(position: number): void {
    this.refuseEmptyFirst(position);
    if (this.compiled.nulls !== undefined) this.addConstant(position, PIECE.null);
  }

  /** The key fragment at `position` (`opens`: its value is a string), taking up any pending run. */
  private keyPiece(position: number, opens: boolean): string {
    const { compiled, run } = this;
    if (run !== undefined) {
      this.run = undefined;
      return extendRun(compiled.runs, compiled, run, false, position, opens ? PIECE.keyOpening : PIECE.key).text;
    }
    if (position === 0 && this.separated) return compiled.separatedFirstKeys[opens ? 1 : 0] as string;
    return (compiled.keys[(this.open ? CLOSE : 0) | (opens ? OPEN : 0)] as readonly string[])[position] as string;
  }

  /** Appends the key at `position` and then `value`. */
  private write(position: number, opens: boolean, value: string): void {
    this.text = this.text + this.keyPiece(position, opens) + value;
    this.open = opens;
  }

  plain(_key: string, value: string | null): void {
    const position = this.position++;
    if (value === null || this.isWithheld(position)) this.writeNull(position);
    else this.write(position, true, value);
  }

  pooled(_key: string, value: string | null, rendered: string): void {
    const position = this.position++;
    if (value === null || this.isWithheld(position)) this.writeNull(position);
    else this.write(position, true, rendered);
  }

  choice(_key: string, list: ChoiceList, index: number, suffix?: string): void {
    const position = this.position++;
    if (this.isWithheld(position)) return this.writeNull(position);
    const { compiled, run } = this;
    let text = this.text;
    if (run !== undefined) {
      text += run.text;
      this.run = undefined;
    }
    // No layout starts with a choice, so a separated one just writes its comma first.
    if (position === 0 && this.separated) text += ',';
    const slot = (compiled.joined[this.open ? 1 : 0] as readonly JoinedSlot[])[position] as JoinedSlot;
    if (slot.list !== list) {
      slot.list = list;
      // Sized up front: items come in any order, and a far index into an empty array makes it a dictionary.
      slot.pieces = new Array<string | undefined>(list.values.length);
    }
    let piece = slot.pieces[index];
    if (piece === undefined) {
      const rendered = list.rendered[index];
      if (rendered === undefined) throw new RangeError(`${_key}: no item ${index} in a list of ${list.values.length}`);
      const key = (compiled.keys[(this.open ? CLOSE : 0) | OPEN] as readonly string[])[position] as string;
      piece = slot.pieces[index] = flat(key + rendered);
    }
    text += piece;
    this.text = suffix === undefined ? text : text + suffix;
    this.open = true;
  }

  number(_key: string, value: number | null): void {
    const position = this.position++;
    // JSON.stringify writes a number as String() does, and a non-finite one as null.
    if (value === null || !Number.isFinite(value) || this.isWithheld(position)) this.writeNull(position);
    else this.write(position, false, String(value));
  }

  boolean(_key: string, value: boolean): void {
    const position = this.position++;
    if (this.isWithheld(position)) this.writeNull(position);
    else this.addConstant(position, value ? PIECE.true : PIECE.false);
  }

  plainList(_key: string, values: readonly string[]): void {
    const position = this.position++;
    if (this.isWithheld(position)) this.writeNull(position);
    else this.write(position, false, values.length === 0 ? '[]' : `["${values.join('","')}"]`);
  }

  consentDetails(_key: string, value: ConsentDetails | null): void {
    const position = this.position++;
    if (value === null || this.isWithheld(position)) return this.writeNull(position);
    // In the order person-factory builds the object (the contract's).
    const { Purpose, DateGiven, Source } = value;
    this.write(position, false, `{"Purpose":"${Purpose}","DateGiven":"${DateGiven}","Source":"${Source}"}`);
  }

  nulls(keys: readonly string[]): void {
    if (keys.length === 0) return;
    const first = this.position;
    this.refuseEmptyFirst(first);
    this.position += keys.length;
    if (this.compiled.nulls === undefined) return;
    this.run = extendRunWithNulls(this.compiled.runs, this.compiled, this.run, this.open, first, keys.length);
    this.open = false;
  }

  finish(): string {
    if (this.position !== this.compiled.layout.fields.length) {
      throw new Error(`record has ${this.position} of its ${this.compiled.layout.fields.length} fields`);
    }
    const run = this.run;
    const text =
      run !== undefined ? this.text + (run.closed ??= flat(`${run.text}}`)) : this.text + (this.open ? '"}' : '}');
    this.text = '';
    this.run = undefined;
    return text;
  }
}
