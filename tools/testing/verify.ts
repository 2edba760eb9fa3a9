import {
  describeMatcher,
  describeRequest,
  distanceTo,
  matchesRequest,
  type MatchableRequest,
  type RequestMatcher,
} from './journal-match.js';

/** A matcher and how many requests must match it: `times` exactly, or `atLeast` / `atMost`. */
export type Verification = RequestMatcher & {
  readonly times?: number;
  readonly atLeast?: number;
  readonly atMost?: number;
};

/** How many near misses a failed verification lists. */
const NEAR_MISSES = 3;

export class VerificationError extends Error {
  constructor(
    message: string,
    readonly expected: Verification,
    readonly matched: number,
    readonly nearMisses: readonly MatchableRequest[],
  ) {
    super(message);
    this.name = 'VerificationError';
  }
}

function countRule(verification: Verification): { text: string; fits: (count: number) => boolean } {
  const { times, atLeast, atMost } = verification;
  if (times !== undefined && (atLeast !== undefined || atMost !== undefined)) {
    throw new TypeError('verify: give `times`, or `atLeast` and/or `atMost`, not both');
  }
  for (const [name, value] of Object.entries({ times, atLeast, atMost })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      throw new TypeError(`verify: ${name} must be a whole number >= 0, got ${value}`);
  }
  if (times !== undefined) return { text: `exactly ${times}`, fits: (count) => count === times };
  if (atLeast === undefined && atMost === undefined) return { text: 'at least 1', fits: (count) => count >= 1 };
  const low = atLeast ?? 0;
  const high = atMost ?? Number.POSITIVE_INFINITY;
  const text =
    atMost === undefined ? `at least ${low}` : atLeast === undefined ? `at most ${high}` : `${low} to ${high}`;
  return { text, fits: (count) => count >= low && count <= high };
}

/**
 * Checks a journal against a verification and answers the matching entries, or throws an error
 * that says what was expected, how many matched, and the closest requests that did come (as
 * WireMock's near-miss report does), so a failing test shows its cause without a debugger.
 */
export function verifyJournal<Entry extends MatchableRequest>(
  verification: Verification,
  journal: readonly Entry[],
): Entry[] {
  const rule = countRule(verification);
  const matching = journal.filter((entry) => matchesRequest(entry, verification));
  if (rule.fits(matching.length)) return matching;
  const lines = [
    `Expected ${rule.text} request(s) matching ${describeMatcher(verification)}; ${matching.length} matched (of ${journal.length} in the journal).`,
  ];
  const ranked = journal
    .map((entry) => ({ entry, ...distanceTo(entry, verification) }))
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => a.score - b.score)
    .slice(0, NEAR_MISSES);
  if (matching.length > 0) {
    lines.push('Matched:', ...matching.slice(0, 5).map((entry) => `  ${describeRequest(entry)}`));
    if (matching.length > 5) lines.push(`  ... and ${matching.length - 5} more`);
  }
  if (ranked.length > 0) {
    lines.push('Closest requests that did not match:');
    for (const { entry, diffs } of ranked)
      lines.push(`  ${describeRequest(entry)}`, ...diffs.map((diff) => `      ${diff}`));
  } else if (journal.length === 0) {
    lines.push('The journal is empty: no /v4 request reached the mock.');
  }
  throw new VerificationError(
    lines.join('\n'),
    verification,
    matching.length,
    ranked.map(({ entry }) => entry),
  );
}
