import v8 from 'node:v8';

/** How far the old generation may grow past what survived the last full GC before the next one. */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Bounds resident memory under load. The mock keeps ~16 MB live (mostly its libraries' code and
 * data), and V8 lets the old generation grow to 2-4x the live size before a full GC, so under 10
 * connections of 480 KB pages promoted garbage took old space from 16 to 45 MB and RSS to ~150 MB
 * (bare Express, with ~6 MB live, stops near 17 MB). At 20%: RSS under that load ~127 MB, for
 * about four full GCs instead of one per 4000 pages (~0.02 ms a page, measured under load).
 * Set before the server is built: V8 sets each limit at a full GC, so a flag set after start-up's
 * GC would only count from the next one, after the growth. A heap-growing-percent given in node's
 * own flags or NODE_OPTIONS wins. Only the CLI calls this: an embedding process is not ours
 * to tune.
 */
export function boundHeapGrowth(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) =>
    /heap[-_]growing[-_]percent/.test(flag),
  );
  if (!given) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
