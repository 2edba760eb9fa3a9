/** Records per block of the prefix counts: a partial block is at most this many consent checks. */
const BLOCK_SIZE = 1024;

/**
 * Rank and select over one contact type's consenting records, for `--withheld omit`, where a
 * page's offset counts only records that are shown. Built lazily on first use, it keeps one
 * 32-bit count per 1024 records (40 KB for ten million), so it never holds the records themselves.
 */
export class ConsentIndex {
  private prefix: Uint32Array | undefined;

  constructor(
    private readonly size: number,
    private readonly isConsented: (index: number) => boolean,
  ) {}

  private blocks(): Uint32Array {
    if (this.prefix) return this.prefix;
    const blockCount = Math.ceil(this.size / BLOCK_SIZE);
    const prefix = new Uint32Array(blockCount + 1);
    let running = 0;
    for (let block = 0; block < blockCount; block++) {
      prefix[block] = running;
      const end = Math.min(this.size, (block + 1) * BLOCK_SIZE);
      for (let index = block * BLOCK_SIZE; index < end; index++) if (this.isConsented(index)) running++;
    }
    prefix[blockCount] = running;
    this.prefix = prefix;
    return prefix;
  }

  /**
   * One record's consent changed (+1 granted, -1 withdrawn): the counts of later blocks move,
   * about size/1024 additions, where a rebuild asks every record again. Before the first build
   * there is nothing to move: the build reads consent as it is then.
   */
  adjust(position: number, delta: 1 | -1): void {
    if (!this.prefix) return;
    for (let block = Math.floor(position / BLOCK_SIZE) + 1; block < this.prefix.length; block++) {
      this.prefix[block] = (this.prefix[block] as number) + delta;
    }
  }

  /** How many consenting records come before `position`. */
  private rank(position: number): number {
    const block = Math.floor(position / BLOCK_SIZE);
    let rank = this.blocks()[block] as number;
    for (let index = block * BLOCK_SIZE; index < position; index++) if (this.isConsented(index)) rank++;
    return rank;
  }

  /** Consenting records in `[start, end)`. */
  countIn(start: number, end: number): number {
    return this.rank(end) - this.rank(start);
  }

  /** Indexes of consenting records in `[start, end)`, skipping the first `skip`, at most `take`. */
  select(start: number, end: number, skip: number, take: number): number[] {
    const prefix = this.blocks();
    const target = this.rank(start) + skip;
    // The last block whose prefix count is at most the target holds the first record to show.
    let low = Math.floor(start / BLOCK_SIZE);
    let high = prefix.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((prefix[middle] as number) <= target) low = middle;
      else high = middle - 1;
    }
    let position = Math.max(start, low * BLOCK_SIZE);
    let seen = this.rank(position);
    const found: number[] = [];
    for (; position < end && found.length < take; position++) {
      if (!this.isConsented(position)) continue;
      if (seen >= target) found.push(position);
      seen++;
    }
    return found;
  }
}
