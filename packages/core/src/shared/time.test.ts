import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatPeriod, fromShanghaiLocal, shanghaiDate, toShanghaiLocalInput } from './time.ts';

describe('time in Asia/Shanghai', () => {
  it('phrases a period within one day as the official reports do', () => {
    expect(formatPeriod('2021-01-14T16:00:00.000Z', '2021-01-15T04:00:00.000Z')).toBe('1月15日0—12时');
  });

  it('closes a whole day at 24时 rather than 0时 of the next day', () => {
    expect(formatPeriod('2021-01-13T16:00:00.000Z', '2021-01-14T16:00:00.000Z')).toBe('1月14日0—24时');
  });

  it('names both days for a period that crosses midnight', () => {
    expect(formatPeriod('2021-01-14T04:00:00.000Z', '2021-01-15T04:00:00.000Z')).toBe('1月14日12时—1月15日12时');
    expect(formatPeriod('2021-01-14T04:30:00.000Z', '2021-01-15T04:00:00.000Z')).toBe('1月14日12时30分—1月15日12时');
  });

  it('shows minutes only where they are not zero', () => {
    expect(formatPeriod('2021-01-14T16:00:00.000Z', '2021-01-15T04:30:00.000Z')).toBe('1月15日0时—12时30分');
  });

  it('reads form input as Shanghai wall time and writes it back unchanged', () => {
    expect(fromShanghaiLocal('2021-01-15T12:00')).toBe('2021-01-15T04:00:00.000Z');
    expect(fromShanghaiLocal('2021-01-15 00:00:30')).toBe('2021-01-14T16:00:30.000Z');
    expect(toShanghaiLocalInput('2021-01-15T04:00:00.000Z')).toBe('2021-01-15T12:00');
    for (const local of ['2021-01-01T00:00', '2021-01-15T07:59', '2021-12-31T23:59', '2024-02-29T08:00']) {
      expect(toShanghaiLocalInput(fromShanghaiLocal(local))).toBe(local);
    }
  });

  it('refuses input that is not a local date-time', () => {
    expect(() => fromShanghaiLocal('2021-01-15')).toThrow(RangeError);
    expect(() => fromShanghaiLocal('15/01/2021 12:00')).toThrow(RangeError);
  });

  it('takes the date in Shanghai, not in UTC', () => {
    expect(shanghaiDate('2021-01-14T15:59:59.000Z')).toBe('2021-01-14');
    expect(shanghaiDate('2021-01-14T16:30:00.000Z')).toBe('2021-01-15');
    expect(shanghaiDate(new Date('2020-12-31T16:00:00Z'))).toBe('2021-01-01');
    expect(formatDate('2021-01-14T16:30:00.000Z')).toBe('2021年1月15日');
    expect(formatDate('2021-01-06')).toBe('2021年1月6日');
    expect(formatDateTime('2021-01-14T16:30:00.000Z')).toBe('2021年1月15日 00:30');
  });
});
