import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBehaviourMock, type BehaviourClient, type ClockView } from '../support/behaviour-client.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';

// Finding 1 and 2: an advance past what a Date can hold answered 500 and left a clock that threw
// (journal) or looped for ever (churn) on the next /v4 request.
describe.each([{ consentChurn: 0 }, { consentChurn: 0.1 }])('POST /__mock/clock far ahead (%o)', (settings) => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true, ...settings });
  });
  afterAll(() => mock.close());

  it.each(['P99999999D', 'PT999999999999999999999H', `P${'9'.repeat(400)}D`, 'P36526D'])(
    'refuses %s with a 400 naming advance, and the clock and /v4 keep working',
    async (advance) => {
      const before = (await mock.control<ClockView>('get', '/__mock/clock')).body;
      const response = await mock.control('post', '/__mock/clock', { advance });
      expect(namedInputs(expectProblem(response, 400, 'invalid-request'))).toEqual(['body:advance']);
      expect((await mock.control<ClockView>('get', '/__mock/clock')).body).toEqual(before);
      expect((await mock.get('/v4/contacts/demo/tenants/0/1')).status).toBe(200);
    },
  );

  it('still takes a century in steps, and refuses the step past it', async () => {
    mock.mock.reset();
    expect((await mock.advance('P36525D')).day).toBe(36_525);
    expect((await mock.get('/v4/contacts/demo/tenants/0/1')).status).toBe(200);
    expectProblem(await mock.control('post', '/__mock/clock', { advance: 'P1D' }), 400, 'invalid-request');
  });
});
