import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-http.js';
import { expectProblem } from '../support/expect-problem.js';
import { startBehaviourMock, type BehaviourClient } from '../support/behaviour-client.js';

/** A custom field value route, with IDs taken from the mock's own answers. */
async function customFieldValuePath(mock: BehaviourClient): Promise<string> {
  const ids = (
    await mock.control<{ ids: { objectID: string; fieldID: string } }>('post', '/__mock/states', {
      state: 'a custom field value is set',
    })
  ).body.ids;
  return `/v4/contacts/demo/company/objects/${ids.objectID}/${ids.fieldID}/customfield`;
}

// Finding 17: messages that said the wrong thing about what was wrong.
describe('what a bad request is told', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock();
  });
  afterAll(() => mock.close());

  it.each(['code=0500', 'code=+500', 'code=500.0', 'code=0x1f4'])('Prefer: %s is a 400, not a 500', async (prefer) => {
    const response = await mock.get('/v4/contacts/demo/tenants/0/1', { headers: { Prefer: prefer } });
    expect(expectProblem(response, 400, 'invalid-request').detail).toContain(prefer.trim());
  });

  it('a null body is not called "not valid JSON": it is JSON, but not an object', async () => {
    const response = await mock.post(await customFieldValuePath(mock), undefined, { raw: 'null' });
    const problem = expectProblem(response, 400, 'invalid-request');
    expect(problem.detail).not.toMatch(/not valid JSON/i);
    expect(problem.detail).toMatch(/object/);
  });

  it('a POST with no body and no content type is told the body is missing', async () => {
    // Raw bytes: an HTTP client sends Content-Length: 0 on a bodiless POST; this request says nothing.
    const path = await customFieldValuePath(mock);
    const port = Number(new URL(mock.baseUrl).port);
    const answer = await rawRequest(
      port,
      `POST ${path} HTTP/1.1\r\nHost: x\r\napi_key: k\r\nConnection: close\r\n\r\n`,
    );
    expect(answer?.status, answer?.body).toBe(400);
    expect(answer?.body).not.toMatch(/not no content type/);
    expect(JSON.parse(answer?.body ?? '{}').errors.map((error: { in: string }) => error.in)).toContain('body');
  });
});
