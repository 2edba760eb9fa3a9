import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, VerificationError, type RunningMock } from '../../tools/testing/index.js';

describe('verify', () => {
  let mock: RunningMock;
  let base: string;
  beforeAll(async () => {
    mock = await startMock({ counts: { tenants: 300 }, branches: 1 });
    base = `/v4/contacts/${mock.shortName}`;
  });
  afterAll(() => mock.stop());
  beforeEach(async () => {
    await mock.control.reset();
    await mock.client.tenants.list({ offset: 0, count: 100 });
    await mock.client.tenants.list({ offset: 100, count: 100 });
    await mock.client.landlords.list({ offset: 0, count: 100 });
  });

  it('passes on an exact count and answers the matching entries', async () => {
    const matched = await mock.control.verify({ method: 'GET', path: `${base}/tenants/0/100`, times: 1 });
    expect(matched.map((entry) => entry.path)).toEqual([`${base}/tenants/0/100`]);
    await mock.control.verify({ method: 'GET', path: /\/tenants\//, times: 2, status: 200 });
    await mock.control.verify({ path: `${base}/vendors/0/100`, times: 0 });
  });

  it('a string path is exact: a longer path or the query does not make it match', async () => {
    await expect(mock.control.verify({ path: `${base}/tenants/0/10`, atLeast: 1 })).rejects.toThrow(VerificationError);
    await expect(mock.control.verify({ path: `${base}/tenants/0/100?integrator=test-integrator` })).rejects.toThrow(
      VerificationError,
    );
  });

  it('atLeast and atMost bound the count', async () => {
    await mock.control.verify({ path: /\/tenants\//, atLeast: 2 });
    await mock.control.verify({ path: /\/tenants\//, atMost: 2 });
    await mock.control.verify({ path: /\/tenants\//, atLeast: 1, atMost: 3 });
    await expect(mock.control.verify({ path: /\/tenants\//, atLeast: 3 })).rejects.toThrow(/at least 3.*2 matched/);
    await expect(mock.control.verify({ path: /\/tenants\//, atMost: 1 })).rejects.toThrow(/at most 1.*2 matched/);
  });

  it('matches on the query, by value or pattern', async () => {
    await mock.control.verify({ path: /\/tenants\//, query: { integrator: 'test-integrator' }, times: 2 });
    await mock.control.verify({ path: /\/landlords\//, query: { integrator: /^test-/ }, times: 1 });
    await expect(mock.control.verify({ path: /\/tenants\//, query: { branchID: /./ } })).rejects.toThrow(
      /query branchID=\(absent\)/,
    );
  });

  it('a failure says what was expected, how many matched, and the closest requests', async () => {
    const failure = await mock.control
      .verify({ method: 'GET', path: `${base}/tenants/0/1000`, status: 200, times: 1 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(VerificationError);
    const error = failure as VerificationError;
    expect(error.matched).toBe(0);
    expect(error.message).toContain(`Expected exactly 1 request(s) matching GET ${base}/tenants/0/1000 answered 200`);
    expect(error.message).toContain('0 matched (of 3 in the journal)');
    // The nearest first: the tenants page differs in one segment, the landlords page in two.
    expect(error.nearMisses.map((entry) => entry.path)).toEqual([
      `${base}/tenants/0/100`,
      `${base}/tenants/100/100`,
      `${base}/landlords/0/100`,
    ]);
    expect(error.message).toContain(`path ${base}/tenants/0/100, expected ${base}/tenants/0/1000`);
  });

  it('a count that is too high lists what matched', async () => {
    const error = (await mock.control.verify({ path: /tenants/, times: 1 }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/Matched:\n {2}GET \S+tenants\/0\/100\?integrator=test-integrator -> 200/);
  });

  it('says so when nothing reached the mock', async () => {
    await mock.control.clearRequests();
    await expect(mock.control.verify({ path: /tenants/ })).rejects.toThrow(/journal is empty/);
  });

  it('refuses contradictory or negative counts', async () => {
    await expect(mock.control.verify({ path: /x/, times: 1, atLeast: 1 })).rejects.toThrow(TypeError);
    await expect(mock.control.verify({ path: /x/, atMost: -1 })).rejects.toThrow(/whole number/);
  });
});
