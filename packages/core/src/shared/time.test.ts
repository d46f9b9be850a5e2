import { describe, expect, it } from 'vitest';
import {
  beijingDate,
  beijingDatesBetween,
  beijingDateTime,
  beijingDayEnd,
  beijingDayStart,
  beijingEndDate,
  beijingInstant,
  beijingLocalInput,
  beijingParts,
  beijingTime,
  formatDate,
  formatAsOf,
  formatDateTime,
  formatPeriod,
  fromBeijingLocal,
  nextBeijingDate,
} from './time.ts';

describe('Beijing time', () => {
  it.each([
    // Within one day.
    ['2021-01-14T16:00:00.000Z', '2021-01-15T04:00:00.000Z', '1月15日0—12时'],
    // A whole day closes at 24时 rather than 0时 of the next day.
    ['2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z', '1月14日0—24时'],
    // Across midnight, both days are named.
    ['2021-01-14T04:00:00.000Z', '2021-01-15T04:00:00.000Z', '1月14日12时—1月15日12时'],
    ['2021-01-14T04:30:00.000Z', '2021-01-15T04:00:00.000Z', '1月14日12时30分—1月15日12时'],
    ['2020-12-31T04:00:00.000Z', '2021-01-01T04:00:00.000Z', '12月31日12时—1月1日12时'],
    // Minutes only where they are not zero.
    ['2021-01-14T16:00:00.000Z', '2021-01-15T04:30:00.000Z', '1月15日0时—12时30分'],
    // Ending at 24时, of the second day or of the only one.
    ['2021-01-13T16:00:00.000Z', '2021-01-15T16:00:00.000Z', '1月14日0时—1月15日24时'],
    ['2020-12-31T04:00:00.000Z', '2020-12-31T16:00:00.000Z', '12月31日12—24时'],
  ])('phrases the period %s to %s as the official reports do: %s', (start, end, text) => {
    expect(formatPeriod(start, end)).toBe(text);
  });

  it('states "as of" as bulletins do: a midnight closes the day before as 24时', () => {
    expect(formatAsOf('2021-01-16T00:00:00+08:00')).toBe('1月15日24时');
    expect(formatAsOf('2021-01-15T12:00:00+08:00')).toBe('1月15日12时');
    expect(formatAsOf('2021-02-01T14:30:00+08:00')).toBe('2月1日14时30分');
    expect(formatAsOf('2021-03-01T00:00:00+08:00')).toBe('2月28日24时');
  });

  it('reads form input as Beijing wall time and writes it back unchanged', () => {
    expect(fromBeijingLocal('2021-01-15T12:00')).toBe('2021-01-15T04:00:00.000Z');
    expect(fromBeijingLocal('2021-01-15 00:00:30')).toBe('2021-01-14T16:00:30.000Z');
    expect(beijingLocalInput('2021-01-15T04:00:00.000Z')).toBe('2021-01-15T12:00');
    for (const local of ['2021-01-01T00:00', '2021-01-15T07:59', '2021-12-31T23:59', '2024-02-29T08:00']) {
      expect(beijingLocalInput(fromBeijingLocal(local))).toBe(local);
    }
  });

  it('refuses input that is not a local date-time', () => {
    expect(() => fromBeijingLocal('2021-01-15')).toThrow(RangeError);
    expect(() => fromBeijingLocal('15/01/2021 12:00')).toThrow(RangeError);
  });

  it('takes the date in Beijing, not in UTC', () => {
    expect(beijingDate('2021-01-14T15:59:59.000Z')).toBe('2021-01-14');
    expect(beijingDate('2021-01-14T16:30:00.000Z')).toBe('2021-01-15');
    expect(beijingDate(new Date('2020-12-31T16:00:00Z'))).toBe('2021-01-01');
    expect(formatDate('2021-01-14T16:30:00.000Z')).toBe('2021年1月15日');
    expect(formatDate('2021-01-06')).toBe('2021年1月6日');
    expect(formatDateTime('2021-01-14T16:30:00.000Z')).toBe('2021年1月15日 00:30');
  });

  it('starts a Beijing day at 16:00Z the day before, and ends it (exclusive) at the next 16:00Z', () => {
    expect(beijingDayStart('2021-01-15')).toBe('2021-01-14T16:00:00.000Z');
    expect(beijingDayEnd('2021-01-15')).toBe('2021-01-15T16:00:00.000Z');
    expect(beijingDayEnd('2021-01-07')).toBe('2021-01-07T16:00:00.000Z');
    expect(beijingDayStart('2021-01-01')).toBe('2020-12-31T16:00:00.000Z');
    expect(beijingDate('2021-01-14T15:59:59.999Z')).toBe('2021-01-14');
    expect(beijingDate('2021-01-14T16:00:00.000Z')).toBe('2021-01-15');
    expect(beijingDate(Date.parse('2021-01-14T16:00:00Z'))).toBe('2021-01-15');
    for (const date of ['2021-01-15', '2020-02-29', '2021-12-31']) {
      expect(beijingDate(beijingDayStart(date))).toBe(date);
      expect(beijingDate(Date.parse(beijingDayEnd(date)) - 1)).toBe(date);
    }
  });

  it.each([
    ['2021-01-14T16:00:00.000Z', '2021-01-14'],
    ['2021-01-14T16:00:01.000Z', '2021-01-15'],
    ['2021-01-15T04:00:00.000Z', '2021-01-15'],
  ])('gives a period ending at %s to the day it closes, %s (00:00 is 24时 of the day before)', (end, date) => {
    expect(beijingEndDate(end)).toBe(date);
  });

  it('steps over month and year ends, counting every date between two, both included', () => {
    expect(nextBeijingDate('2021-01-31')).toBe('2021-02-01');
    expect(nextBeijingDate('2020-12-31')).toBe('2021-01-01');
    expect(nextBeijingDate('2020-02-28')).toBe('2020-02-29');
    expect(beijingDatesBetween('2020-12-30', '2021-01-02')).toEqual(['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02']);
    expect(beijingDatesBetween('2021-01-30', '2021-02-02')).toEqual(['2021-01-30', '2021-01-31', '2021-02-01', '2021-02-02']);
    expect(beijingDatesBetween('2021-01-15', '2021-01-15')).toEqual(['2021-01-15']);
    expect(beijingDatesBetween('2021-01-02', '2021-01-01')).toEqual([]);
  });

  it.each<[Parameters<typeof beijingInstant>, string | null]>([
    [[2021, 1, 15, 12, 0], '2021-01-15T04:00:00.000Z'],
    [[2021, 1, 15], '2021-01-14T16:00:00.000Z'],
    [[2021, 1, 14, 24, 0], '2021-01-14T16:00:00.000Z'],
    [[2020, 12, 31, 24], '2020-12-31T16:00:00.000Z'],
    [[2021, 1, 15, 8, 30, 15], '2021-01-15T00:30:15.000Z'],
    [[2020, 2, 29, 0, 0], '2020-02-28T16:00:00.000Z'],
    // Times that do not exist.
    [[2021, 2, 29, 0, 0], null],
    [[2021, 2, 30], null],
    [[2021, 13, 1], null],
    [[2021, 1, 0], null],
    [[2021, 1, 15, 25, 0], null],
    [[2021, 1, 15, 24, 30], null],
    [[2021, 1, 15, 24, 0, 1], null],
    [[2021, 1, 15, 12, 60], null],
  ])(
    'reads the wall-clock figures %j as Beijing time, 24时 as the next day: %s, or null for a time that does not exist',
    (parts, instant) => {
      expect(beijingInstant(...parts)).toBe(instant);
    },
  );

  it('writes the wall time as spreadsheets, open data and time inputs show it', () => {
    expect(beijingDateTime('2021-01-04T16:00:00.000Z')).toBe('2021-01-05 00:00');
    expect(beijingDateTime('2021-01-04T16:00:07.000Z', { seconds: true })).toBe('2021-01-05 00:00:07');
    expect(beijingTime('2021-01-15T11:05:00+08:00')).toBe('11:05');
    expect(beijingTime('2021-01-14T16:00:00.000Z')).toBe('00:00');
    expect(beijingLocalInput('2021-01-14T23:59:00.000Z')).toBe('2021-01-15T07:59');
    expect(beijingParts('2021-12-31T16:00:00.000Z')).toEqual({ year: 2022, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  });

  it('formats instants in any form they are given', () => {
    expect(formatDateTime('2021-01-04T16:00Z')).toBe('2021年1月5日 00:00');
    expect(formatDateTime(new Date('2021-01-15T12:00:00+08:00'))).toBe('2021年1月15日 12:00');
    expect(formatDateTime(Date.parse('2021-01-15T04:00:00Z'))).toBe('2021年1月15日 12:00');
    expect(formatDate('2021-01-14T15:59:00.000Z')).toBe('2021年1月14日');
  });
});
