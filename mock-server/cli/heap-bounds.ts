import v8 from 'node:v8';

/** How far the old generation may grow past what survived the last full GC before the next one. */
export const HEAP_GROWING_PERCENT = 20;

/**
 * The node flags every way of starting the mock passes (the bins' shebang, `npm start`, the image's
 * CMD, the bench): a young generation held at 4 MB semi-spaces. It can only be set when the heap is
 * made, hence a flag and not code. Measured on the 2-core machine, 1,000,000 tenants, cache off: the
 * cold walk 115-124 pages/s at ~9.8 ms CPU a page, against 72-80 pages/s at ~17 ms with the 1 MB
 * semi-space below (27% of the process's time in GC); ~10 MB more resident at peak.
 * A test keeps the places that start the mock equal to this list.
 */
export const MOCK_NODE_FLAGS = ['--max-semi-space-size=4'] as const;

/**
 * Node's own flags (execArgv) and NODE_OPTIONS: a limit a user set there wins over ours.
 * Underscores and dashes are the same to V8.
 */
function userSet(name: RegExp, execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, nodeOptions].some((flag) => name.test(flag));
}

/**
 * The V8 flags the CLI sets in its own process to bound resident memory under load, each unless
 * the user (or MOCK_NODE_FLAGS, when the mock is started as shipped) gave that limit in node's
 * flags or NODE_OPTIONS. The young-generation bound is the fallback for `node dist/...` run by hand.
 *
 * Young generation: V8 grows each semi-space from 1 MB to 16 MB as start-up's allocations survive
 * (loading the contract, the libraries and the data model), and never shrinks it under load: 30 MB
 * of resident new space for a server whose requests leave a few KB each. `--max-semi-space-size`
 * only counts at heap creation, so it cannot be set from inside; a growth factor of 1, set before
 * anything big is loaded, keeps the semi-space at its initial 1 MB (measured on a shared 2-core
 * machine: new space 2 MB instead of 32; RSS under 10 connections of the 700 KB hot page ~101-105
 * MB instead of ~135-139, for a scavenge every ~36 requests: a cached page ~0.1 ms more CPU).
 * Holding a larger semi-space by raising the factor after each GC overshot under load (V8 grew
 * twice before the observer ran), so the bound is this one, which V8 cannot exceed.
 *
 * Old generation: V8 lets it grow to 2-4x the live size before a full GC, so promoted garbage took
 * old space from 16 to 45 MB under that load; at 20% growth it stays near the live size, for a few
 * full GCs a second more (~0.02 ms a page). V8 sets that limit at each full GC, so it too is set
 * before start-up's GCs.
 *
 * Scavenges on one thread: what survives a scavenge here is tiny (about 46 KB of a 4 MB semi-space
 * under the uncached page load), so V8's parallel scavenge spends its time starting and joining
 * helper threads that compete with the server for the same cores: half of a 0.55 ms scavenge,
 * and one scavenge a page. Measured on the 2-core machine, 10 connections of the uncached
 * 1000-record page, two servers loaded in turn: 6-24% less CPU a page in 5 of 5 rounds (both
 * orders) with the flag given to node, about 5% on average in noisier rounds with it set here.
 * V8 reads the flag at each scavenge, so it can be set at run time.
 */
export function heapFlags(execArgv: readonly string[], nodeOptions: string): string[] {
  const flags: string[] = [];
  if (!userSet(/(semi[-_]space|young[-_]generation|max[-_]heap[-_]size)/, execArgv, nodeOptions)) {
    flags.push('--semi-space-growth-factor=1');
  }
  if (!userSet(/heap[-_]growing[-_]percent/, execArgv, nodeOptions)) {
    flags.push(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  }
  if (!userSet(/parallel[-_]scavenge/, execArgv, nodeOptions)) flags.push('--no-parallel-scavenge');
  return flags;
}

/**
 * Sets heapFlags in this process. Only the CLI calls this, first thing, before the mock's modules
 * load: an embedding process is not ours to tune.
 */
export function boundHeap(): void {
  for (const flag of heapFlags(process.execArgv, process.env.NODE_OPTIONS ?? '')) v8.setFlagsFromString(flag);
}
