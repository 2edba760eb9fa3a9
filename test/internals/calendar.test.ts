import { describe, expect, it } from 'vitest';
import { isoDate, isoDateTime } from '../../fixtures/random/calendar.js';

const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1900, 0, 1) / MS_PER_DAY;
const END = Date.UTC(2100, 0, 1) / MS_PER_DAY;

describe('calendar text', () => {
  it('writes every day of 1900..2099 as Date does (the memo is filled by arithmetic, not Date)', () => {
    const wrong: string[] = [];
    for (let day = FIRST; day < END; day++) {
      const expected = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      if (isoDate(day) !== expected) wrong.push(`${day}: ${isoDate(day)} != ${expected}`);
      if (isoDateTime(day, false) !== `${expected}T00:00:00`) wrong.push(`${day}: midnight ${isoDateTime(day, false)}`);
      if (isoDateTime(day, true) !== `${expected}T00:00:00Z`)
        wrong.push(`${day}: utc midnight ${isoDateTime(day, true)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('goes through Date outside the memo, and for a day that is not whole', () => {
    for (const day of [FIRST - 1, END, END + 400_000, -800_000, 20_000.5]) {
      const expected = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      expect(isoDate(day)).toBe(expected);
      expect(isoDateTime(day, false)).toBe(`${expected}T00:00:00`);
    }
  });

  it('writes a time of day, and Z with utc', () => {
    expect(isoDateTime(20_454, false, 8 * 3600 + 5 * 60 + 9)).toBe('2026-01-01T08:05:09');
    expect(isoDateTime(20_454, true, 17 * 3600 + 59 * 60 + 59)).toBe('2026-01-01T17:59:59Z');
  });
});
