/**
 * A `{ Count, Data }` page already serialised. Records are stringified one by one as they are
 * made, so each dies young instead of a thousand living until the whole page is stringified:
 * the heap stays small on long walks through big data sets. The bytes are exactly those of
 * `JSON.stringify({ Count, Data })`.
 */
export class SerializedPage {
  private readonly parts: string[] = [];

  constructor(private readonly count: number) {}

  add(record: unknown): void {
    this.parts.push(JSON.stringify(record));
  }

  toJSON(): string {
    return `{"Count":${this.count},"Data":[${this.parts.join(',')}]}`;
  }
}

/** The response body as JSON text, whether a handler built an object or a serialised page. */
export function serializeBody(body: unknown): string {
  return body instanceof SerializedPage ? body.toJSON() : JSON.stringify(body);
}
