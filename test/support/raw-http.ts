import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Whether the server closed the connection (rather than the timeout ending the wait). */
  readonly closed: boolean;
}

/** Parses the first HTTP/1.1 answer in what a socket received. */
export function parseRawAnswer(text: string, closed: boolean): RawAnswer | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).trim().toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  const length = Number(headers['content-length'] ?? 0);
  const body = Buffer.from(text.slice(end + 4), 'latin1')
    .subarray(0, length)
    .toString('utf8');
  return { status, headers, body, closed };
}

/**
 * Sends bytes as they are over a fresh TCP connection (requests no HTTP client would build) and
 * resolves with the first answer (status 0 when none) once the server closes, its body is complete, or `timeoutMs` ends.
 */
export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      // Status 0: nothing readable came back before the close or the timeout.
      resolve(parseRawAnswer(received, closed) ?? { status: 0, headers: {}, body: received, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const answer = parseRawAnswer(received, false);
      if (answer && Buffer.byteLength(answer.body) >= Number(answer.headers['content-length'] ?? 0)) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('error', (error) => (received ? finish(true) : reject(error)));
    socket.write(bytes);
  });
}
