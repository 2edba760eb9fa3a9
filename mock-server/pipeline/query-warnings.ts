import type { ContractOperation } from '../contract/contract.js';

/** The names each operation reads from the query, plus the API key's query name. */
export function knownQueryNames(operation: ContractOperation, keyQueryNames: readonly string[]): ReadonlySet<string> {
  return new Set([
    ...operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    ...keyQueryNames,
  ]);
}

/** The identification parameters agentOS uses; sending the other one is a common slip. */
const IDENTIFICATION_NAMES = ['integrator', 'integration'];

/**
 * Unknown query parameters are ignored, as the real API does, but each gets a warning, so a
 * client that sends `integrator` to an applicant route (which reads `integration`) finds out.
 */
export function unknownQueryWarnings(query: Readonly<Record<string, unknown>>, known: ReadonlySet<string>): string[] {
  const warnings: string[] = [];
  for (const name of Object.keys(query)) {
    if (known.has(name)) continue;
    const expected = IDENTIFICATION_NAMES.find((candidate) => candidate !== name && known.has(candidate));
    warnings.push(
      IDENTIFICATION_NAMES.includes(name) && expected
        ? `query parameter "${name}" is ignored: this route reads "${expected}"`
        : `unknown query parameter "${name}" is ignored`,
    );
  }
  return warnings;
}

/** The warnings while their text fits `max` characters, then one saying how many more there were. */
export function boundWarnings(warnings: readonly string[], max: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [index, warning] of warnings.entries()) {
    // Counted with the "; " that joins them in the header.
    if (used + warning.length + 2 > max) {
      kept.push(`... and ${warnings.length - index} more`);
      return kept;
    }
    used += warning.length + 2;
    kept.push(warning);
  }
  return kept;
}

/** Journal entries keep at most this much warning text. */
export const MAX_WARNING_CHARS = 1024;

/**
 * The header's cap: 600 unknown parameters made a 43 KB X-Mock-Warning, which Node's fetch and
 * node:http refuse to read (their limit is 16 KB for all headers together).
 */
export const MAX_WARNING_HEADER_CHARS = 4096;

/**
 * A header-safe form of the warnings: a parameter name is the client's own text and may hold
 * characters a header cannot carry (CR LF would even split the response), so those are escaped;
 * Latin-1 text is what a header carries, and passes as sent.
 */
export function warningHeaderValue(warnings: readonly string[]): string {
  const escaped = warnings.map((warning) =>
    warning.replace(
      /[^\x20-\x7e\x80-\xff]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );
  // Bounded after escaping, which can make a name six times longer.
  return boundWarnings(escaped, MAX_WARNING_HEADER_CHARS).join('; ');
}
