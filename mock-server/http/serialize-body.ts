import type { ServerResponse } from 'node:http';

/**
 * A `{ Count, Data }` page serialised as it is built. Each record is stringified (or written
 * straight to JSON) as soon as it is made, and every 32 records go into one Buffer of about
 * 16 KB, so a record's text dies young instead of a thousand living until the page is done, and
 * the page's bytes sit outside the JavaScript heap. The bytes are exactly
 * `JSON.stringify({ Count, Data })`.
 */
export class SerializedPage {
  private readonly pending: string[] = [];
  /** The UTF-8 length of each pending record, so its chunk's Buffer is sized before writing. */
  private readonly pendingLengths: number[] = [];
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
    this.pending.push(text);
    this.pendingLengths.push(byteLength);
    if (this.pending.length === RECORDS_PER_CHUNK) this.flush();
  }

  /**
   * The pending records with their commas (one before each, but the page's first) as one Buffer:
   * writing each record's text into it costs less than joining them into a string first (a
   * fresh record is a rope, and a join walks it again).
   */
  private flush(): void {
    if (this.pending.length === 0) return;
    let size = this.pending.length - (this.records === 0 ? 1 : 0);
    for (const length of this.pendingLengths) size += length;
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    this.pending.forEach((text, index) => {
      if (this.records + index > 0) buffer[offset++] = 0x2c; // ','
      offset += buffer.write(text, offset, 'utf8');
    });
    this.chunks.push(buffer);
    this.records += this.pending.length;
    this.byteLength += size;
    this.pending.length = 0;
    this.pendingLengths.length = 0;
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
