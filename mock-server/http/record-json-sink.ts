import type { ConsentDetails } from '../../fixtures/people/person-factory.js';
import type { RecordSink } from '../../fixtures/records/record-sink.js';
import type { RecordLayout } from '../contract/record-layout.js';
import type { NullsMode } from '../options/mock-options.js';

/**
 * Writes a record straight to JSON text, for records that are only sent: no object is built,
 * nothing is escaped per record (keys were escaped when the layout was compiled, pooled names
 * when their pool was built, and everything else is checked to need none), and `--nulls absent`
 * simply skips a null. The bytes are those of `JSON.stringify` of the record the object sink
 * builds (the property tests hold both to it).
 */
export class RecordJsonSink implements RecordSink<string> {
  /** The record's fragments, joined once at the end: one flat string, no rope to flatten later. */
  private readonly parts: string[] = [];
  private position = 0;
  private withheld: Uint8Array | undefined;
  private readonly quoted: readonly string[];
  private readonly nulls: readonly string[] | undefined;

  constructor(
    private readonly layout: RecordLayout,
    nulls: NullsMode,
  ) {
    this.quoted = layout.keys.map((key) => `${key}"`);
    this.nulls = nulls === 'null' ? layout.keys.map((key) => `${key}null`) : undefined;
  }

  begin(fields: readonly string[], withheld: Uint8Array | undefined): void {
    if (fields !== this.layout.fields)
      throw new Error(`a record sink of ${this.layout.fields[0]}... got another field list`);
    this.parts.length = 0;
    this.position = 0;
    this.withheld = withheld;
  }

  /** The next position, or -1 when its value is to be written as null (empty or withheld). */
  private next(empty: boolean): number {
    const position = this.position++;
    if (!empty && this.withheld?.[position] !== 1) return position;
    // Only the first key has no comma before it: it must never be left out.
    if (position === 0) throw new Error(`the first property (${this.layout.fields[0]}) cannot be empty`);
    if (this.nulls !== undefined) this.parts.push(this.nulls[position] as string);
    return -1;
  }

  plain(_key: string, value: string | null): void {
    const position = this.next(value === null);
    if (position >= 0) this.parts.push(this.quoted[position] as string, value as string, '"');
  }

  pooled(_key: string, value: string | null, rendered: string): void {
    const position = this.next(value === null);
    if (position >= 0) this.parts.push(this.quoted[position] as string, rendered, '"');
  }

  number(_key: string, value: number | null): void {
    // JSON.stringify writes a number as String() does, and a non-finite one as null.
    const position = this.next(value === null || !Number.isFinite(value));
    if (position >= 0) this.parts.push(this.layout.keys[position] as string, String(value));
  }

  boolean(_key: string, value: boolean): void {
    const position = this.next(false);
    if (position >= 0) this.parts.push(this.layout.keys[position] as string, value ? 'true' : 'false');
  }

  plainList(_key: string, values: readonly string[]): void {
    const position = this.next(false);
    if (position < 0) return;
    const items = values.length === 0 ? '[]' : `["${values.join('","')}"]`;
    this.parts.push(this.layout.keys[position] as string, items);
  }

  consentDetails(_key: string, value: ConsentDetails | null): void {
    const position = this.next(value === null);
    if (position < 0 || value === null) return;
    // The object's own key order (person-factory builds it in the contract's order).
    this.parts.push(
      this.layout.keys[position] as string,
      `{"Purpose":"${value.Purpose}","DateGiven":"${value.DateGiven}","Source":"${value.Source}"}`,
    );
  }

  finish(): string {
    if (this.position !== this.layout.fields.length) {
      throw new Error(`record has ${this.position} of its ${this.layout.fields.length} fields`);
    }
    this.parts.push('}');
    return this.parts.join('');
  }
}
