import type { Socket } from 'node:net';
import { ProblemError, type ErrorStyle } from '../pipeline/problems.js';
import { rawProblemResponse } from './render-problem.js';

/** What Node's HTTP parser reports about a request it cannot read. */
interface ClientError extends Error {
  readonly code?: string;
}

/** The problem for an error Node's HTTP layer raises before any route sees the request. */
export function clientErrorProblem(error: ClientError): ProblemError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ProblemError(
        'headers-too-large',
        'The request line and headers are larger than the 16 KB the server reads; send fewer or shorter headers.',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ProblemError(
        'request-timeout',
        'The request did not arrive within --headers-timeout (headers) or --request-timeout (the whole request).',
      );
    default:
      return new ProblemError(
        'malformed-request',
        `The request is not valid HTTP/1.1 (${error.code ?? error.message}).`,
      );
  }
}

/**
 * Node's own answer to these is an empty 400 or 431; this one is a body in the mock's error
 * style, written to the socket because no response object exists yet.
 */
export function onClientError(error: ClientError, socket: Socket, style: ErrorStyle): void {
  // A reset or an answer already under way leaves nothing useful to write.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(clientErrorProblem(error), style));
}
