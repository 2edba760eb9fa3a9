import type { Check } from '../checks.js';
import { fixed, whole } from '../format.js';
import type { LoadResult } from '../load.js';
import { PEER_TARGETS } from '../settings.js';

/** One server of the peers bench, with its figures on both routes. */
export interface PeerRow {
  readonly target: string;
  readonly role: 'raw' | 'express' | 'mock cached' | 'mock uncached' | 'prism' | 'mockoon';
  readonly hot: LoadResult;
  readonly single: LoadResult;
}

/**
 * The order targets are loaded in within a round. The pairs the ratio checks lean on hardest sit
 * side by side (raw next to the cached mock, Prism next to the uncached mock), so the host's drift
 * between the two halves of a ratio is a few seconds, not a whole round: this machine's speed
 * changes within seconds. The uncached-vs-raw check (ten times its goal) does without.
 */
export const MEASUREMENT_ORDER: readonly PeerRow['role'][] = [
  'raw',
  'mock cached',
  'mock uncached',
  'prism',
  'express',
  'mockoon',
];

/** Indexes of `roles` in measurement order (roles not in MEASUREMENT_ORDER last, as given). */
export function measurementOrder(roles: readonly PeerRow['role'][]): number[] {
  const rank = (role: PeerRow['role']): number => {
    const position = MEASUREMENT_ORDER.indexOf(role);
    return position < 0 ? MEASUREMENT_ORDER.length : position;
  };
  return roles.map((_, index) => index).sort((a, b) => rank(roles[a]!) - rank(roles[b]!) || a - b);
}

const byRole = (rows: readonly PeerRow[], role: PeerRow['role']): PeerRow | undefined =>
  rows.find((row) => row.role === role);

/** The table: page req/s, CPU ms a page, RSS under the page load, single-record req/s. */
export function peerTable(rows: readonly PeerRow[]): string {
  const raw = byRole(rows, 'raw');
  const express = byRole(rows, 'express');
  const header = ['target', '1000-record page req/s', 'CPU ms a page', 'RSS under load', 'single record req/s'];
  const body = rows.map((row) => {
    const mock = row.role.startsWith('mock ');
    const page = whole(row.hot.requestsPerSecond);
    const single = whole(row.single.requestsPerSecond);
    return [
      row.target,
      mock && raw ? `${page} (${fixed(row.hot.requestsPerSecond / raw.hot.requestsPerSecond, 2)}× raw)` : page,
      fixed(row.hot.cpuMsPerRequest, 2),
      `${whole(row.hot.rssUnderLoadMb)} MB`,
      mock && express
        ? `${single} (${fixed(row.single.requestsPerSecond / express.single.requestsPerSecond, 2)}× Express)`
        : single,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((line) => line[column]!.length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/**
 * A ratio of two page rates round by round (the rounds are interleaved, so round i of each was
 * measured seconds apart): shown beside the whole run's ratio, it says how much of a result is
 * this machine's noise.
 */
function roundRatios(top: PeerRow | undefined, bottom: PeerRow | undefined): string {
  if (!top || !bottom) return '';
  const ratios = top.hot.roundRequestsPerSecond.map(
    (rate, round) => rate / (bottom.hot.roundRequestsPerSecond[round] ?? NaN),
  );
  return ratios.length > 1 ? ` (by round ${ratios.map((ratio) => fixed(ratio, 2)).join(', ')})` : '';
}

/** The done-when, from the same run. */
export function peerChecks(rows: readonly PeerRow[]): Check[] {
  const figure = (role: PeerRow['role'], pick: (row: PeerRow) => number): number => {
    const row = byRole(rows, role);
    return row ? pick(row) : NaN;
  };
  const pageRate = (row: PeerRow): number => row.hot.requestsPerSecond;
  const uncached = figure('mock uncached', pageRate);
  const cached = figure('mock cached', pageRate);
  const raw = figure('raw', pageRate);
  const prism = figure('prism', pageRate);
  const rss = figure('mock cached', (row) => row.hot.rssUnderLoadMb);
  const expressRss = figure('express', (row) => row.hot.rssUnderLoadMb);
  const judge = (name: string, value: number, goal: number, atMost = false, rounds = ''): Check => ({
    name,
    measured: `${fixed(value, 3)}${rounds}`,
    goal: `${atMost ? '≤' : '≥'} ${goal}`,
    pass: atMost ? value <= goal : value >= goal,
  });
  const rounds = (top: PeerRow['role'], bottom: PeerRow['role']): string =>
    roundRatios(byRole(rows, top), byRole(rows, bottom));
  return [
    judge(
      'uncached page req/s vs raw node:http',
      uncached / raw,
      PEER_TARGETS.uncachedVsHttp,
      false,
      rounds('mock uncached', 'raw'),
    ),
    judge(
      "uncached page req/s vs Prism's static example",
      uncached / prism,
      PEER_TARGETS.uncachedVsPrism,
      false,
      rounds('mock uncached', 'prism'),
    ),
    judge('RSS under the hot-page load vs bare Express', rss / expressRss, PEER_TARGETS.rssUnderLoadVsExpress, true),
    judge(
      'cached page req/s vs raw node:http',
      cached / raw,
      PEER_TARGETS.cachedVsHttp,
      false,
      rounds('mock cached', 'raw'),
    ),
  ];
}
