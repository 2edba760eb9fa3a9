import type { ServerResponse } from 'node:http';

/**
 * A `{ Count, Data }` page serialised as it is built. Each record is stringified (or written
 * straight to JSON) as soon as it is made, and every 32 records go into one Buffer of about
 * 16 KB, so a record's text dies young instead of a thousand living until the page is done, and
 * the page's bytes sit outside the JavaScript heap. The bytes are exactly
 * `JSON.stringify({ Count, Data })`.
 */
export class SerializedPage {
  /** The pending records with their commas, as one rope: turned into bytes in one call a chunk. */
  private pending = '';
  private pendingRecords = 0;
  /** The UTF-8 length of `pending`, so its chunk's Buffer is sized before writing. */
  private pendingBytes = 0;
  private readonly chunks: Buffer[] = [];
  private records = 0;
  private byteLength = 0;

  constructor(private readonly count: number) {}

  add(record: unknown): void {
    this.addJson(JSON.stringify(record));
  }

  /**
   * A record already written as JSON text, with its UTF-8 length when the writer knows it:
   * counting reads a fresh record's rope once more, before it is written out.
   */
  addJson(text: string, byteLength = Buffer.byteLength(text)): void {
    if (this.hasRecords) {
      this.pending += ',';
      this.pendingBytes += 1;
    }
    this.addItem(text, byteLength);
  }

  /** Whether a record was added: the next one is written after a comma. */
  get hasRecords(): boolean {
    return this.records + this.pendingRecords > 0;
  }

  /**
   * A record written with its separator, a leading comma when `hasRecords` was true as it was
   * written, and its UTF-8 length: a comma in the record's first piece saves a piece a record.
   */
  addItem(text: string, byteLength: number): void {
    this.pending += text;
    this.pendingBytes += byteLength;
    if (++this.pendingRecords === RECORDS_PER_CHUNK) this.flush();
  }

  /**
   * The pending records as one Buffer. One write of the chunk's rope costs less than a write per
   * record (measured: about a sixth less a record), and far less than joining them first.
   */
  private flush(): void {
    if (this.pendingRecords === 0) return;
    const buffer = Buffer.allocUnsafe(this.pendingBytes);
    buffer.write(this.pending, 0, 'utf8');
    this.chunks.push(buffer);
    this.records += this.pendingRecords;
    this.byteLength += this.pendingBytes;
    this.pending = '';
    this.pendingRecords = 0;
    this.pendingBytes = 0;
  }

  /** Streams the page (headers other than Content-Length already set). */
  writeTo(response: ServerResponse): void {
    this.flush();
    const head = `{"Count":${this.count},"Data":[`;
    response.setHeader('Content-Length', head.length + this.byteLength + 2);
    response.cork();
    response.write(head);
    for (const chunk of this.chunks) response.write(chunk);
    response.end(']}');
  }

  toBuffer(): Buffer {
    this.flush();
    const head = Buffer.from(`{"Count":${this.count},"Data":[`, 'latin1');
    return Buffer.concat([head, ...this.chunks, Buffer.from(']}', 'latin1')], head.length + this.byteLength + 2);
  }
}

/** A body already written as JSON text (a record written straight from the data set). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** Records per chunk of a page: about 16 KB. */
const RECORDS_PER_CHUNK = 32;

/**
 * Sends a body that is not being cached. A page goes out in corked writes of a few dozen
 * records: no page-sized string or Buffer is made, so nothing waits for a major GC.
 */
export function sendUncached(response: ServerResponse, status: number, contentType: string, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  if (!(body instanceof SerializedPage)) {
    const bytes = Buffer.from(body instanceof JsonText ? body.text : JSON.stringify(body));
    response.setHeader('Content-Length', bytes.length);
    response.end(bytes);
    return;
  }
  body.writeTo(response);
}

/** The response body as JSON bytes, whether a handler built an object or a serialised page. */
export function serializeBody(body: unknown): Buffer {
  if (body instanceof SerializedPage) return body.toBuffer();
  return Buffer.from(body instanceof JsonText ? body.text : JSON.stringify(body));
}
