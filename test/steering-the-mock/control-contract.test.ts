import { oid } from '../support/contact-routes.js';
import { describe, expect, it } from 'vitest';
import { controlViolations, findControlOperation } from '../support/control-contract.js';

const CLOCK = { now: '2026-01-01T09:00:00.000Z', day: 0, start: '2026-01-01T09:00:00.000Z', frozen: true };
const PROBLEM = { type: 'urn:x', title: 't', status: 401, detail: 'd' };

describe('the control contract checker (so the behaviour tests can trust it)', () => {
  it('finds operations by method and concrete path', () => {
    expect(findControlOperation('get', '/__mock/clock')?.operationId).toBe('getClock');
    expect(findControlOperation('PUT', `/__mock/people/${oid('PER', 1)}/consent?shortName=demo`)?.operationId).toBe(
      'setPersonConsent',
    );
    expect(findControlOperation('patch', '/__mock/clock')).toBeUndefined();
  });

  it.each([
    [{ status: 200, contentType: 'application/json; charset=utf-8', body: CLOCK }, 0],
    [{ status: 200, contentType: 'application/json', body: { ...CLOCK, day: 'zero' } }, 1],
    [{ status: 200, contentType: 'text/html', body: CLOCK }, 1],
    [{ status: 404, contentType: 'application/problem+json', body: PROBLEM }, 1], // not declared
    [{ status: 401, contentType: 'application/problem+json', body: PROBLEM }, 0],
    [{ status: 401, contentType: 'application/problem+json', body: { title: 'no type' } }, 1],
  ])('GET /__mock/clock %j: %d violation(s)', (response, count) => {
    const violations = controlViolations({ method: 'get', path: '/__mock/clock', ...response });
    expect(violations.length > 0).toBe(count > 0);
  });

  it('a 204 must have no body', () => {
    const base = { method: 'delete', path: '/__mock/requests', status: 204, contentType: undefined };
    expect(controlViolations({ ...base, body: undefined })).toEqual([]);
    expect(controlViolations({ ...base, body: { Count: 0 } })).not.toEqual([]);
  });

  it('a path without an operation must be a problem, except the served documents', () => {
    const problem = { status: 404, contentType: 'application/problem+json', body: { ...PROBLEM, status: 404 } };
    expect(controlViolations({ method: 'get', path: '/__mock/nothing', ...problem })).toEqual([]);
    expect(
      controlViolations({ method: 'get', path: '/__mock/nothing', status: 200, contentType: 'text/plain', body: '' }),
    ).not.toEqual([]);
    expect(
      controlViolations({
        method: 'get',
        path: '/__mock/openapi.json',
        status: 200,
        contentType: 'application/json',
        body: {},
      }),
    ).toEqual([]);
  });
});
