import { beijingDatesBetween } from '@epi/core';
import { describe, expect, it } from 'vitest';
import { axisLabel, dayOffset, dayTickIndexes, dayTicks, fitLabel, linear, textWidth, valueTicks } from './chart-scale.ts';

describe('value ticks', () => {
  it('rounds the top up to a nice step and starts at zero', () => {
    expect(valueTicks(48)).toEqual({ max: 60, step: 20, ticks: [0, 20, 40, 60] });
    expect(valueTicks(579)).toEqual({ max: 600, step: 200, ticks: [0, 200, 400, 600] });
    expect(valueTicks(100)).toEqual({ max: 100, step: 25, ticks: [0, 25, 50, 75, 100] });
  });

  it('never uses a step below one case, nor 2.5 cases', () => {
    expect(valueTicks(3).step).toBe(1);
    expect(valueTicks(3).ticks).toEqual([0, 1, 2, 3]);
    expect(valueTicks(9).step).toBe(5);
    expect(valueTicks(9).ticks.every(Number.isInteger)).toBe(true);
  });

  it('gives an axis of 0 and 1 when every value is zero (or missing)', () => {
    expect(valueTicks(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(valueTicks(Number.NaN)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });

  it('keeps to the number of intervals asked for', () => {
    for (const max of [1, 7, 13, 99, 101, 1234, 10_253_103]) {
      const t = valueTicks(max, 3);
      expect(t.max).toBeGreaterThanOrEqual(max);
      expect(t.ticks.length - 1).toBeLessThanOrEqual(4);
    }
  });

  it('labels large counts in 万 and small ones grouped', () => {
    const t = valueTicks(10_253_103, 3);
    expect(t.ticks.map((v) => axisLabel(v, t.step))).toEqual(['0', '500万', '1,000万', '1,500万']);
    expect(axisLabel(1500, 500)).toBe('1,500');
  });

  it('maps values linearly, upwards for a vertical axis', () => {
    const y = linear(60, 200, 20);
    expect(y(0)).toBe(200);
    expect(y(60)).toBe(20);
    expect(y(30)).toBe(110);
  });
});

describe('day ticks', () => {
  it('labels at most the number asked for, always the latest day, evenly spaced', () => {
    const idx = dayTickIndexes(60, 4);
    expect(idx.length).toBeLessThanOrEqual(4);
    expect(idx.at(-1)).toBe(59);
    expect(new Set(idx.slice(1).map((v, i) => v - idx[i]!)).size).toBe(1);
    expect(dayTickIndexes(1, 4)).toEqual([0]);
    expect(dayTickIndexes(3, 5)).toEqual([0, 1, 2]);
    expect(dayTickIndexes(0, 5)).toEqual([]);
  });

  it('writes dates in Chinese, with the year under the first tick and where it changes', () => {
    const dates = beijingDatesBetween('2021-12-25', '2022-01-08');
    const ticks = dayTicks(dates, 3);
    expect(ticks.map((t) => t.label)).toEqual(['12月25日', '1月1日', '1月8日']);
    expect(ticks.map((t) => t.year)).toEqual(['2021年', '2022年', null]);
  });

  it('places an instant on the day axis in Beijing days', () => {
    expect(dayOffset('2021-01-15T12:00:00+08:00', '2021-01-14')).toBe(1.5);
    expect(dayOffset('2021-01-13T16:00:00Z', '2021-01-14')).toBe(0);
  });

  it('keeps a label at the edge inside the chart', () => {
    expect(fitLabel(355, '1月15日', 13, 360)).toEqual({ x: 360, anchor: 'end' });
    expect(fitLabel(3, '1月15日', 13, 360)).toEqual({ x: 0, anchor: 'start' });
    expect(fitLabel(180, '1月15日', 13, 360)).toEqual({ x: 180, anchor: 'middle' });
    expect(textWidth('1月', 10)).toBe(16);
  });
});
