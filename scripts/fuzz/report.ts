import type { HttpCase } from './http-cases.js';
import type { RawCase } from './raw-cases.js';

/** Single-quotes a text for a POSIX shell. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Bytes as a bash $'...' literal, so CR LF and control characters survive the copy. */
function ansiC(text: string): string {
  return `$'${text.replace(/[\\']/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** One line that replays a case against a mock started with the fuzzer's flags. */
export function reproduction(item: HttpCase | RawCase, port: number): string {
  if (item.kind === 'raw') return `printf '%s' ${ansiC(item.bytes)} | nc 127.0.0.1 ${port}`;
  const headers = Object.entries(item.headers).map(([name, value]) => `-H ${quote(`${name}: ${value}`)}`);
  const body = item.body === undefined ? [] : ['--data-binary', quote(item.body)];
  return ['curl -si -X', item.method, ...headers, ...body, quote(`http://127.0.0.1:${port}${item.path}`)].join(' ');
}

export interface Finding {
  readonly index: number;
  readonly what: string;
  readonly reproduction: string;
}

/** A finding's line, cut so a 40 KB header does not bury the report. */
export function findingLine(finding: Finding): string {
  const line =
    finding.reproduction.length > 4_000
      ? `${finding.reproduction.slice(0, 4_000)}... (rerun the seed for the full bytes)`
      : finding.reproduction;
  return `#${finding.index} ${finding.what}\n    ${line}`;
}
