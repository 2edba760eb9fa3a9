import { flat } from '../../fixtures/records/json-text.js';

/**
 * Runs of a record's constant pieces (nulls, booleans, and the key fragment that ends the run)
 * joined into one string each, made the first time a run is met and shared by every record of a
 * type. A record's text costs by the piece, and most records hold such runs: a withheld person
 * is fourteen nulls, `"ThirdPartyMarketingConsent":true,"ConsentDetails":null,"CreatedAt":"` is
 * three pieces. Runs form a tree: a run one piece longer is a child of the shorter, found by the
 * new piece's position and kind, so extending a run is an array load, not a string join or a map
 * lookup. There are as many runs as shapes the data holds, a few hundred per type.
 */

/** The kinds of constant piece; a run ends at the first key (its value is not constant). */
export const PIECE = { null: 0, true: 1, false: 2, key: 3, keyOpening: 4 } as const;
const KINDS = 5;

/** What a position's constant pieces are, as the JSON sink compiles them. */
export interface RunPieces {
  /** Key fragments by (closes the previous quote ? 2 : 0) | (opens a quote ? 1 : 0), then position. */
  readonly keys: readonly (readonly string[])[];
  /** `,"Key":null` by (closes ? 1 : 0), then position; undefined with `--nulls absent`. */
  readonly nulls: readonly (readonly string[])[] | undefined;
  /** `,"Key":true` and `,"Key":false` by (closes ? 1 : 0), then at 2 * position and 2 * position + 1. */
  readonly booleans: readonly (readonly string[])[];
}

export interface RunNode {
  readonly text: string;
  /** The position of the run's last piece. */
  readonly last: number;
  /** The runs one piece longer, by (positions skipped after `last`) * KINDS + kind. */
  readonly longer: (RunNode | undefined)[];
  /** This run, then nulls from the next position through `nullsThrough.last` (a withheld person). */
  nullsThrough: RunNode | undefined;
  /** The run with the record's closing brace after it, made when a record ends with the run. */
  closed: string | undefined;
}

/** The runs of one type's records: their first pieces, by whether they close a quote. */
export interface ConstantRuns {
  readonly firsts: readonly (RunNode | undefined)[][];
}

export function constantRuns(positions: number): ConstantRuns {
  // Sized up front: a far index into an empty array makes it a dictionary.
  return { firsts: [new Array(positions * KINDS), new Array(positions * KINDS)] };
}

function pieceText(pieces: RunPieces, closes: boolean, position: number, kind: number): string {
  const variant = closes ? 1 : 0;
  switch (kind) {
    case PIECE.null:
      return (pieces.nulls?.[variant] as readonly string[])[position] as string;
    case PIECE.true:
    case PIECE.false:
      return (pieces.booleans[variant] as readonly string[])[2 * position + (kind === PIECE.true ? 0 : 1)] as string;
    default:
      return (pieces.keys[(closes ? 2 : 0) | (kind === PIECE.keyOpening ? 1 : 0)] as readonly string[])[
        position
      ] as string;
  }
}

function node(text: string, last: number): RunNode {
  return { text, last, longer: [], nullsThrough: undefined, closed: undefined };
}

/**
 * `run` with the constant piece of `kind` at `position` after it, or a new run of that piece
 * when there is none (`closes`: the previous value left a quote open). Inside a run nothing is
 * left open: only a key, the run's last piece, may open a quote.
 */
export function extendRun(
  runs: ConstantRuns,
  pieces: RunPieces,
  run: RunNode | undefined,
  closes: boolean,
  position: number,
  kind: number,
): RunNode {
  if (run === undefined) {
    const firsts = runs.firsts[closes ? 1 : 0] as (RunNode | undefined)[];
    const slot = position * KINDS + kind;
    return firsts[slot] ?? (firsts[slot] = node(pieceText(pieces, closes, position, kind), position));
  }
  const slot = (position - run.last - 1) * KINDS + kind;
  return (
    run.longer[slot] ?? (run.longer[slot] = node(flat(run.text + pieceText(pieces, false, position, kind)), position))
  );
}

/**
 * `run` (or a new run) with `count` nulls from `first` on after it: what extendRun gives for each
 * in turn, found in one step. The null run a node keeps is the one its records write (a type's
 * withheld person always starts at the same position and has the same length); another length
 * is walked piece by piece.
 */
export function extendRunWithNulls(
  runs: ConstantRuns,
  pieces: RunPieces,
  run: RunNode | undefined,
  closes: boolean,
  first: number,
  count: number,
): RunNode {
  if (count < 1) throw new RangeError(`a run of ${count} nulls`);
  const last = first + count - 1;
  const start = run ?? extendRun(runs, pieces, undefined, closes, first, PIECE.null);
  const kept = start.nullsThrough;
  if (kept !== undefined && kept.last === last) return kept;
  let walked = run === undefined ? start : extendRun(runs, pieces, run, false, first, PIECE.null);
  for (let position = first + 1; position <= last; position++)
    walked = extendRun(runs, pieces, walked, false, position, PIECE.null);
  start.nullsThrough = walked;
  return walked;
}
