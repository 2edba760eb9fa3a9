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

/**
 * A header-safe form of the warnings: a parameter name is the client's own text and may hold
 * characters a header cannot carry (CR LF would even split the response), so those are escaped;
 * Latin-1 text is what a header carries, and passes as sent.
 */
export function warningHeaderValue(warnings: readonly string[]): string {
  return warnings
    .join('; ')
    .replace(/[^\x20-\x7e\x80-\xff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
