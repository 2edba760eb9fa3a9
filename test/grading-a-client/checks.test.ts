import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../mock-server/state/request-journal.js';
import { blockedCheck } from '../../tools/check-client/checks/blocked.js';
import { peakInWindow } from '../../tools/check-client/checks/budget-share.js';
import { identificationCheck } from '../../tools/check-client/checks/identification.js';
import { coveredUpTo, listSeries, pagingCheck } from '../../tools/check-client/checks/paging.js';
import { retriesCheck } from '../../tools/check-client/checks/retries.js';
import { sentWhileLimitedCheck } from '../../tools/check-client/checks/sent-while-limited.js';
import { byArrival } from '../../tools/check-client/checks/timed-entry.js';
import { loadGradedRoutes } from '../../tools/check-client/route-table.js';

const START = Date.parse('2026-01-01T09:00:00.000Z');
const BASE = '/v4/contacts/demo';
const routes = loadGradedRoutes();

/** A journal entry `at` ms into the run; the query defaults to a correct identification. */
function entry(
  at: number,
  path: string,
  status = 200,
  query: Record<string, string> = {},
  durationMs = 5,
): JournalEntry {
  return {
    time: new Date(START + at).toISOString(),
    durationMs,
    method: 'GET',
    path: `${BASE}${path}`,
    query,
    status,
    key: 'abcd****',
    warnings: [],
  };
}

const WINDOW = { requests: 20, windowMs: 2000 };

describe('never blocked', () => {
  it('passes without a 403 and fails with one, showing the 429s before it', () => {
    expect(blockedCheck(byArrival([entry(0, '/tenants/0/10')]), START).status).toBe('pass');
    const result = blockedCheck(byArrival([entry(0, '/a', 429), entry(10, '/a', 429), entry(20, '/a', 403)]), START);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/^Blocked: 1 request/);
    expect(result.evidence.map((line) => line.status)).toEqual([429, 429, 403]);
  });
});

describe('nothing sent while limited', () => {
  it.each([
    { name: 'a wait of a full window', next: 2000, status: 'pass' },
    { name: 'a wait of half a window', next: 1000, status: 'fail' },
    { name: 'an immediate retry', next: 6, status: 'fail' },
  ])('$name after the 429: $status', ({ next, status }) => {
    const journal = byArrival([entry(0, '/tenants/0/10', 429, {}, 1), entry(next, '/tenants/0/10')]);
    expect(sentWhileLimitedCheck(journal, START, WINDOW).status).toBe(status);
  });

  it('a request already in flight when the 429 was answered does not count', () => {
    // Arrived at 0 and answered at 300 (latency); the 429 arrived at 100 and was answered at 101.
    const journal = byArrival([entry(0, '/tenants/0/10', 200, {}, 300), entry(100, '/landlords/0/10', 429, {}, 1)]);
    expect(sentWhileLimitedCheck(journal, START, WINDOW).status).toBe('pass');
  });

  it('counts each early request once, and names how soon it came', () => {
    const journal = byArrival([
      entry(0, '/a', 429, {}, 1),
      entry(10, '/a', 429, {}, 1),
      entry(20, '/a', 429, {}, 1),
      entry(2500, '/a'),
    ]);
    const result = sentWhileLimitedCheck(journal, START, WINDOW);
    expect(result.summary).toMatch(/^2 request\(s\) sent within 2 s of a 429/);
    expect(result.evidence[1]?.note).toBe('sent 0.009 s after the 429 was answered, inside the 2 s window');
  });

  it('is not exercised without a 429 or without a limit', () => {
    expect(sentWhileLimitedCheck(byArrival([entry(0, '/a')]), START, WINDOW).status).toBe('not-exercised');
    expect(sentWhileLimitedCheck(byArrival([entry(0, '/a', 429)]), START, undefined).status).toBe('not-exercised');
  });
});

describe('503 retries', () => {
  const rules = { minBackoffMs: 100, maxRetries: 3 };
  const page = '/tenants/0/10';
  it.each([
    {
      name: 'retried after a backoff',
      statuses: [
        [0, 503],
        [400, 200],
      ],
      status: 'pass',
    },
    {
      name: 'given up after a bound',
      statuses: [
        [0, 503],
        [300, 503],
        [900, 503],
      ],
      status: 'pass',
    },
    {
      name: 'never retried',
      statuses: [
        [0, 503],
        [50, 200, '/tenants/10/10'],
      ],
      status: 'fail',
    },
    {
      name: 'retried at once',
      statuses: [
        [0, 503],
        [20, 200],
      ],
      status: 'fail',
    },
    {
      name: 'retried past the bound',
      statuses: [
        [0, 503],
        [200, 503],
        [400, 503],
        [600, 503],
        [800, 503],
      ],
      status: 'fail',
    },
  ] as const)('$name: $status', ({ statuses, status }) => {
    const journal = byArrival(statuses.map(([at, code, path]) => entry(at, path ?? page, code)));
    expect(retriesCheck(journal, START, rules).status).toBe(status);
  });

  it('a 429 answer to the retry still counts as a retry', () => {
    const journal = byArrival([entry(0, page, 503), entry(200, page, 429), entry(2300, page)]);
    expect(retriesCheck(journal, START, rules).status).toBe('pass');
  });
});

describe('identification', () => {
  it('passes with the name each route reads', () => {
    const journal = byArrival([
      entry(0, '/tenants/0/10', 200, { integrator: 'crm' }),
      entry(1, '/applicants/lettings/0/10', 200, { integration: 'crm' }),
      entry(2, '/company/branches/0/10'),
    ]);
    expect(identificationCheck(journal, START, routes)).toMatchObject({
      status: 'pass',
      summary: expect.stringMatching(/^All 2/),
    });
  });

  it('fails on the wrong name, a missing one and an empty one, naming the route', () => {
    const journal = byArrival([
      entry(0, '/applicants/sales/0/10', 200, { integrator: 'crm' }),
      entry(1, '/landlords/0/10'),
      entry(2, '/vendors/0/10', 200, { integrator: '' }),
    ]);
    const result = identificationCheck(journal, START, routes);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('listSalesApplicants reads integration, but the command sent integrator');
    expect(result.summary).toContain('listLandlords reads integrator, and the command sent none');
    expect(result.summary).toContain('integrator is empty on listVendors');
  });
});

describe('paged to the end', () => {
  it('covers ranges without gaps from 0', () => {
    expect(
      coveredUpTo([
        [0, 10],
        [10, 20],
      ]),
    ).toBe(20);
    expect(
      coveredUpTo([
        [10, 20],
        [0, 10],
        [30, 40],
      ]),
    ).toBe(20);
    expect(coveredUpTo([[5, 10]])).toBe(0);
  });

  it('groups pages by list (path and filters, not the identification) and compares with Count', () => {
    const journal = byArrival([
      entry(0, '/tenants/0/100', 200, { integrator: 'a', branchID: 'b1' }),
      entry(1, '/tenants/100/100', 200, { integrator: 'b', branchID: 'b1' }),
      entry(2, '/tenants/0/100', 200, { branchID: 'b2' }),
      entry(3, '/landlords/0/100', 429),
      entry(4, '/tenants/T1'),
    ]);
    const series = listSeries(journal, routes);
    expect(series.map((list) => [list.probePath, list.probeQuery, coveredUpTo(list.ranges)])).toEqual([
      [`${BASE}/tenants/0/1`, { branchID: 'b1' }, 200],
      [`${BASE}/tenants/0/1`, { branchID: 'b2' }, 100],
    ]);
    const totals = new Map(series.map((list) => [list.key, 150]));
    const result = pagingCheck(series, totals, START);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('1 of 2 list(s) not read to the end');
    expect(result.summary).toContain('read to 100 of 150');
    expect(pagingCheck(series, new Map(series.map((list) => [list.key, 100])), START).status).toBe('pass');
  });
});

describe('budget share', () => {
  it('finds the busiest rolling window, counting only requests the limiter let through', () => {
    const journal = byArrival([
      entry(0, '/a'),
      entry(500, '/a'),
      entry(1999, '/a'),
      entry(2000, '/a', 429),
      entry(2100, '/a'),
    ]);
    expect(peakInWindow(journal, 2000)).toBe(3);
  });
});
