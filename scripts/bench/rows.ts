import type { LoadResult } from './load.js';

export type RouteKey = 'hot' | 'single' | 'cold';
export type TargetName = 'mock' | 'node:http' | 'bare Express';

export interface Row {
  readonly target: TargetName;
  readonly route: RouteKey;
  readonly path: string;
  readonly result: LoadResult;
}

/** Ratios to a ceiling: req/s over the ceiling's, and the ceiling's CPU/req over this one's (1 = as cheap). */
export interface Ratios {
  readonly requestsVsExpress: number;
  readonly requestsVsHttp: number;
  readonly cpuVsExpress: number;
  readonly cpuVsHttp: number;
}

/** The cold walk has no ceiling of its own: it is compared with the hot page's stored bytes. */
const CEILING_ROUTE: Record<RouteKey, RouteKey> = { hot: 'hot', single: 'single', cold: 'hot' };

export function ratiosOf(row: Row, rows: readonly Row[]): Ratios {
  const ceiling = (target: TargetName): LoadResult | undefined =>
    rows.find((other) => other.target === target && other.route === CEILING_ROUTE[row.route])?.result;
  const express = ceiling('bare Express');
  const http = ceiling('node:http');
  return {
    requestsVsExpress: express ? row.result.requestsPerSecond / express.requestsPerSecond : NaN,
    requestsVsHttp: http ? row.result.requestsPerSecond / http.requestsPerSecond : NaN,
    cpuVsExpress: express ? express.cpuMsPerRequest / row.result.cpuMsPerRequest : NaN,
    cpuVsHttp: http ? http.cpuMsPerRequest / row.result.cpuMsPerRequest : NaN,
  };
}
