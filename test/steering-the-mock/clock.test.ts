import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseIsoDuration, parseShortDuration } from '../../mock-server/options/durations.js';
import { DEFAULT_CLOCK_START } from '../../mock-server/behaviours/simulated-clock.js';
import { expectProblem, namedInputs } from '../support/expect-problem.js';
import {
  fakeTime,
  startBehaviourMock,
  type BehaviourClient,
  type ClockView,
  type FakeTime,
} from '../support/behaviour-client.js';

const DAY = 86_400_000;

describe('GET and POST /__mock/clock (frozen)', () => {
  let mock: BehaviourClient;
  beforeAll(async () => {
    mock = await startBehaviourMock({ clockFrozen: true });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.mock.reset());

  it('reads the default start, day 0, frozen', async () => {
    const response = await mock.control<ClockView>('get', '/__mock/clock');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ now: DEFAULT_CLOCK_START, day: 0, start: DEFAULT_CLOCK_START, frozen: true });
  });

  it.each([
    ['P1D', DAY, 1],
    ['PT59.999S', 59_999, 0],
    ['PT14H59M59.999S', 15 * 3_600_000 - 1, 0], // 23:59:59.999 on the start date
    ['PT15H', 15 * 3_600_000, 1], // midnight: the next simulated day
    ['P2DT3H', 2 * DAY + 3 * 3_600_000, 2],
    ['PT90S', 90_000, 0],
    ['P0D', 0, 0],
    ['P30D', 30 * DAY, 30],
  ])('advance %s moves now by %d ms, to day %d', async (advance, milliseconds, day) => {
    const moved = await mock.advance(advance);
    expect(moved).toEqual({
      now: new Date(Date.parse(DEFAULT_CLOCK_START) + milliseconds).toISOString(),
      day,
      start: DEFAULT_CLOCK_START,
      frozen: true,
    });
    expect((await mock.control('get', '/__mock/clock')).body).toEqual(moved);
  });

  it('advances add up', async () => {
    for (let day = 1; day <= 3; day++) expect((await mock.advance('P1D')).day).toBe(day);
  });

  it.each(['P1Y', 'P1M', 'P1W', '1 day', '', 'P', 'PT', '-P1D', 'P1.5D', 'PT1,5S', 'p1d', '1d', '60s'])(
    'advance %j is a 400 naming advance, and the clock does not move',
    async (advance) => {
      const response = await mock.control('post', '/__mock/clock', { advance });
      expect(namedInputs(expectProblem(response, 400, 'invalid-request'))).toEqual(['body:advance']);
      expect((await mock.control<ClockView>('get', '/__mock/clock')).body.now).toBe(DEFAULT_CLOCK_START);
    },
  );

  it.each([{}, { advance: 60 }, { advance: 'P1D', extra: true }])('body %j is a 400', async (body) => {
    expectProblem(await mock.control('post', '/__mock/clock', body), 400, 'invalid-request');
  });

  it('a frozen clock stands still between requests', async () => {
    const first = (await mock.control<ClockView>('get', '/__mock/clock')).body.now;
    await mock.get('/v4/contacts/demo/tenants/0/1');
    expect((await mock.control<ClockView>('get', '/__mock/clock')).body.now).toBe(first);
  });

  it('reset takes the clock back to its start', async () => {
    await mock.advance('P3D');
    await mock.control('post', '/__mock/reset');
    expect((await mock.control<ClockView>('get', '/__mock/clock')).body).toMatchObject({
      now: DEFAULT_CLOCK_START,
      day: 0,
    });
  });
});

describe('a running clock follows the monotonic counter it is given', () => {
  let mock: BehaviourClient | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  async function clockWith(input: Parameters<typeof startBehaviourMock>[0], time: FakeTime) {
    mock = await startBehaviourMock(input, { elapsed: time.elapsed });
    return async () => (await (mock as BehaviourClient).control<ClockView>('get', '/__mock/clock')).body;
  }

  it('runs at real speed unless frozen, and adds advances', async () => {
    const time = fakeTime(123_456);
    const read = await clockWith({ clock: '2030-06-15T23:59:00Z' }, time);
    expect(await read()).toEqual({
      now: '2030-06-15T23:59:00.000Z',
      day: 0,
      start: '2030-06-15T23:59:00.000Z',
      frozen: false,
    });
    time.advance(60_000);
    expect(await read()).toMatchObject({ now: '2030-06-16T00:00:00.000Z', day: 1 });
    await (mock as BehaviourClient).advance('PT1H');
    time.advance(500);
    expect(await read()).toMatchObject({ now: '2030-06-16T01:00:00.500Z', day: 1 });
  });

  it('frozen, the counter moving changes nothing', async () => {
    const time = fakeTime();
    const read = await clockWith({ clockFrozen: true }, time);
    time.advance(10 * DAY);
    expect(await read()).toMatchObject({ now: DEFAULT_CLOCK_START, day: 0 });
  });

  it('--clock real starts at the wall clock', async () => {
    const before = Date.now();
    const read = await clockWith({ clock: 'real', clockFrozen: true }, fakeTime());
    const { now, start } = await read();
    expect(Date.parse(start)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(start)).toBeLessThanOrEqual(Date.now() + 1);
    expect(now).toBe(start);
  });
});

describe('duration parsers (unit)', () => {
  it.each([
    ['P1D', DAY],
    ['PT1H', 3_600_000],
    ['PT1M', 60_000],
    ['PT0.001S', 1],
    ['PT59.999S', 59_999],
    ['P1DT1H1M1.5S', DAY + 3_661_500],
    [' P1D ', DAY],
  ])('parseIsoDuration(%j) = %d', (text, milliseconds) => {
    expect(parseIsoDuration(text)).toBe(milliseconds);
  });

  it.each(['P1Y', 'P1M', 'P', 'PT', 'P1DT', '1 day', '', 'PT-1S', 'PT1.S'])(
    'parseIsoDuration(%j) is undefined',
    (text) => {
      expect(parseIsoDuration(text)).toBeUndefined();
    },
  );

  it.each([
    ['150ms', 150],
    ['2s', 2_000],
    ['1.5s', 1_500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', DAY],
  ])('parseShortDuration(%j) = %d', (text, milliseconds) => {
    expect(parseShortDuration(text)).toBe(milliseconds);
  });

  it.each(['', '5', 'fast', '5 m', '-5s', '5w', 'PT5S'])('parseShortDuration(%j) is undefined', (text) => {
    expect(parseShortDuration(text)).toBeUndefined();
  });
});
