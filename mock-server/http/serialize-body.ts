import type { ServerResponse } from 'node:http';

/**
 * A `{ Count, Data }` page serialised as it is built. Each record is stringified as soon as it is
 * made, so it dies young instead of a thousand living until the page is done; and the page is
 * written straight into one Buffer, not joined into a string first and copied again (fresh
 * memory is what a big page costs most). The bytes are exactly `JSON.stringify({ Count, Data })`.
 */
export class SerializedPage {
  private readonly parts: string[] = [];
  /** The UTF-8 length of each part, so a chunk's Buffer is sized before it is written. */
  private readonly lengths: number[] = [];
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
    this.parts.push(text);
    this.lengths.push(byteLength);
    this.byteLength += byteLength;
  }

  /** Streams the page (headers other than Content-Length already set). */
  writeTo(response: ServerResponse): void {
    const head = `{"Count":${this.count},"Data":[`;
    const separators = Math.max(0, this.parts.length - 1);
    response.setHeader('Content-Length', head.length + this.byteLength + separators + 2);
    response.cork();
    response.write(head);
    for (let start = 0; start < this.parts.length; start += RECORDS_PER_WRITE) {
      response.write(this.chunk(start, Math.min(this.parts.length, start + RECORDS_PER_WRITE)));
    }
    response.end(']}');
  }

  /**
   * Parts `[from, to)` with their commas (one before each, but the page's first), as one
   * Buffer: writing each record's text into it costs less than joining them into a string
   * first (a fresh record is a rope, and a join walks it again).
   */
  private chunk(from: number, to: number): Buffer {
    let size = to - from - (from === 0 ? 1 : 0);
    for (let index = from; index < to; index++) size += this.lengths[index] as number;
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    for (let index = from; index < to; index++) {
      if (index > 0) buffer[offset++] = 0x2c; // ','
      offset += buffer.write(this.parts[index] as string, offset, 'utf8');
    }
    return buffer;
  }

  toBuffer(): Buffer {
    const head = `{"Count":${this.count},"Data":[`;
    const separators = Math.max(0, this.parts.length - 1);
    const buffer = Buffer.allocUnsafe(head.length + this.byteLength + separators + 2);
    let offset = buffer.write(head, 0, 'latin1');
    this.parts.forEach((part, index) => {
      if (index > 0) offset = buffer.writeUInt8(0x2c, offset); // ','
      offset += buffer.write(part, offset, 'utf8');
    });
    buffer.write(']}', offset, 'latin1');
    return buffer;
  }
}

/** A body already written as JSON text (a record written straight from the data set). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** Records per write when a page is streamed: about 16 KB, small enough to die young. */
const RECORDS_PER_WRITE = 32;

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
