import type { Random } from './random.js';

/** Bytes sent as they are over a fresh socket: requests no HTTP client would build. */
export interface RawCase {
  readonly kind: 'raw';
  readonly bytes: string;
  /** The path of a well-formed request, whose answer is then held to the contract. */
  readonly contractPath?: string;
  readonly method?: string;
  /** An incomplete request: the mock should end it with a 408 after its timeouts. */
  readonly slow?: boolean;
}

const ROUTE = '/v4/contacts/demo/tenants/0/2';

/** A raw request: malformed lines and headers, oversized headers, odd framing, or a proper one. */
export function rawCase(random: Random): RawCase {
  const key = 'api_key: fuzz-key\r\n';
  switch (random.int(0, 11)) {
    case 0:
      return { kind: 'raw', bytes: `GET ${ROUTE} HTTP/1.1 extra\r\nHost: x\r\n\r\n` };
    case 1:
      return { kind: 'raw', bytes: `${random.text(random.int(1, 20), 'ABCXYZ<>{}\u0001 ')} / HTTP/1.1\r\n\r\n` };
    case 2:
      return {
        kind: 'raw',
        bytes: `GET ${ROUTE} HTTP/1.1\r\nHost: x\r\n${key}X-Big: ${'a'.repeat(random.int(16_000, 40_000))}\r\n\r\n`,
      };
    case 3:
      return { kind: 'raw', bytes: `GET ${ROUTE} HTTP/1.1\r\nHo st: x\r\n\r\n` };
    case 4:
      return {
        kind: 'raw',
        bytes: `POST ${ROUTE} HTTP/1.1\r\nHost: x\r\n${key}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nzz\r\n`,
      };
    case 5:
      return {
        kind: 'raw',
        bytes: `POST /v4/contacts/demo/company/objects/x/y/customfield HTTP/1.1\r\nHost: x\r\n${key}Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
      };
    case 6:
      return { kind: 'raw', bytes: `GET ${ROUTE} HTTP/1.0\r\n${key}\r\n`, contractPath: ROUTE, method: 'get' };
    case 7:
      return { kind: 'raw', bytes: `GET ${ROUTE} HTTP/1.1\nHost: x\n${key}Connection: close\n\n` };
    case 8:
      return {
        kind: 'raw',
        bytes: `GET ${ROUTE} HTTP/1.1\r\nHost: x\r\n${key}\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        contractPath: ROUTE,
        method: 'get',
      };
    case 9:
      return {
        kind: 'raw',
        bytes: `GET /v4/contacts/demo/tenants/${random.text(random.int(1, 8), '0123456789%/.')}/1 HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`,
      };
    case 10:
      return random.chance(0.05)
        ? { kind: 'raw', bytes: `GET ${ROUTE} HTTP/1.1\r\nHost: x\r\n`, slow: true }
        : {
            kind: 'raw',
            bytes: `\r\n\r\nGET ${ROUTE} HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`,
            contractPath: ROUTE,
            method: 'get',
          };
    default:
      return {
        kind: 'raw',
        bytes: `GET ${ROUTE}?${'a=1&'.repeat(random.int(1, 3000))} HTTP/1.1\r\nHost: x\r\n${key}Connection: close\r\n\r\n`,
        contractPath: ROUTE,
        method: 'get',
      };
  }
}
