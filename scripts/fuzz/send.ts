import { Agent, request } from 'node:http';
import { rawRequest, type RawAnswer } from '../../test/support/raw-http.js';
import type { HttpCase } from './http-cases.js';
import type { RawCase } from './raw-cases.js';

export interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
  /** The body as JSON when it parses, otherwise its text. */
  readonly body: unknown;
}

/** The longest any single request may take before it counts as a hang. */
export const HANG_MS = 15_000;

// A connection per request, as each reproduction line makes it.
const agent = new Agent({ keepAlive: false });

function parsed(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sends an HTTP case; undefined when node:http refuses to build it (not the mock's doing). */
export function sendHttp(port: number, item: HttpCase): Promise<Answer | 'hang' | undefined> {
  return new Promise((resolve) => {
    let call;
    try {
      // Content-Length always: node:http sends a GET's body unframed, which reads as a second request.
      const length = item.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(item.body)) };
      const headers = { ...item.headers, ...length };
      call = request({ host: '127.0.0.1', port, method: item.method, path: item.path, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            text,
            body: parsed(text),
          });
        });
      });
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => {
      call.destroy();
      resolve('hang');
    }, HANG_MS);
    call.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A reset on an oversized upload is how Node ends a body it will not read: an answer was sent.
      resolve({ status: -1, contentType: undefined, text: error.code ?? error.message, body: undefined });
    });
    call.end(item.body);
  });
}

export function sendRaw(port: number, item: RawCase): Promise<RawAnswer> {
  return rawRequest(port, item.bytes, HANG_MS);
}
