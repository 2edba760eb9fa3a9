import { describe, expect, it } from 'vitest';
import { combine, type Sample } from '../../scripts/bench/load.js';
import { measurementOrder, peerChecks, type PeerRow } from '../../scripts/bench/peers/peer-table.js';

// The done-when as the peers bench judges it, from made-up rounds (no load runs here).
function sample(ok: number, rssUnderLoadMb = 100): Sample {
  return {
    ok,
    non2xx: 0,
    errors: 0,
    seconds: 2,
    wallMs: 2000,
    serverCpuMs: 1900,
    generatorCpuMs: 300,
    machineCpuMs: 2300,
    p99Ms: 50,
    rssUnderLoadMb,
  };
}

function row(role: PeerRow['role'], rounds: readonly number[], rss = 100): PeerRow {
  const result = combine(rounds.map((ok) => sample(ok, rss)));
  return { target: role, role, hot: result, single: result };
}

describe('the peers bench checks', () => {
  const rows = [
    row('mock cached', [4000, 3600], 110),
    row('mock uncached', [400, 320]),
    row('raw', [4000, 4000]),
    row('express', [1000, 1000], 100),
    row('prism', [100, 120]),
    row('mockoon', [500, 500]),
  ];
  const checks = Object.fromEntries(peerChecks(rows).map((check) => [check.name, check]));

  it('judges the whole run and shows each round’s own ratio beside it', () => {
    const prism = checks["uncached page req/s vs Prism's static example"]!;
    // 720 pages against 220 over the run: 3.27; round by round 4.00 and 2.67.
    expect(prism.measured).toBe('3.273 (by round 4.00, 2.67)');
    expect(prism.pass).toBe(true);
    expect(checks['cached page req/s vs raw node:http']!.measured).toBe('0.950 (by round 1.00, 0.90)');
    expect(checks['uncached page req/s vs raw node:http']!.measured).toBe('0.090 (by round 0.10, 0.08)');
  });

  it('misses a goal the run as a whole misses, whatever one round did', () => {
    const slower = rows.map((one) => (one.role === 'prism' ? row('prism', [100, 160]) : one));
    const prism = peerChecks(slower).find((check) => check.name.includes('Prism'))!;
    expect(prism.measured).toBe('2.769 (by round 4.00, 2.00)');
    expect(prism.pass).toBe(false);
  });

  it('judges memory at most 1.3x bare Express, without rounds (the peak of all of them)', () => {
    const rss = checks['RSS under the hot-page load vs bare Express']!;
    expect(rss.measured).toBe('1.100');
    expect(rss.pass).toBe(true);
  });
});

describe('the peers bench measurement order', () => {
  it('loads each compared pair side by side and keeps every target once', () => {
    const roles: PeerRow['role'][] = ['mock cached', 'mock uncached', 'raw', 'express', 'prism', 'mockoon'];
    const order = measurementOrder(roles).map((index) => roles[index]);
    expect([...order].sort()).toEqual([...roles].sort());
    const apart = (a: PeerRow['role'], b: PeerRow['role']): number => Math.abs(order.indexOf(a) - order.indexOf(b));
    expect(apart('mock cached', 'raw')).toBe(1);
    expect(apart('mock uncached', 'prism')).toBe(1);
  });

  it('puts a role it does not know last, in the order given', () => {
    const roles = ['mockoon', 'unknown', 'raw'] as unknown as PeerRow['role'][];
    expect(measurementOrder(roles)).toEqual([2, 0, 1]);
  });
});
