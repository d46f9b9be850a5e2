import { describe, expect, it } from 'vitest';
import { lift, relevel, SCHEMES, seal, zone } from '../test-support/zones.ts';
import { summariseDistricts } from './district-wide.ts';
import { beijingDatesBetween, beijingDayEnd, firstChangeDate, levelsOf, nextBeijingDate, pageDates, statesByDate } from '@epi/core';
import { countByLevel } from './zones.ts';

const NOW = '2021-02-10T12:00:00+08:00';
const levels = levelsOf({ levelSchemes: SCHEMES });
const village = zone(
  { name: '增村镇小果庄村' },
  [seal('medium', '2021-01-05T20:00:00+08:00'), relevel('high', '2021-01-07T00:00:00+08:00'), lift('2021-01-09T00:00:00+08:00')],
  NOW,
);
const whole = zone(
  { name: '藁城区全域', kind: 'district' },
  [seal('high', '2021-01-06T00:00:00+08:00'), lift('2021-01-08T23:59:00+08:00')],
  NOW,
);
const zones = [whole, village];

describe('calendar dates', () => {
  it('steps over month and year ends', () => {
    expect(nextBeijingDate('2021-01-31')).toBe('2021-02-01');
    expect(nextBeijingDate('2020-12-31')).toBe('2021-01-01');
    expect(nextBeijingDate('2020-02-28')).toBe('2020-02-29');
    expect(beijingDatesBetween('2020-12-30', '2021-01-02')).toEqual(['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02']);
    expect(beijingDatesBetween('2021-01-02', '2021-01-01')).toEqual([]);
  });

  it("ends a date at the next day's 00:00 Beijing time", () => {
    expect(beijingDayEnd('2021-01-07')).toBe('2021-01-07T16:00:00.000Z');
  });

  it('are the dates (in Beijing time) a change took effect, up to the release date', () => {
    const early = zone({ name: '早' }, [seal('low', '2021-01-04T17:00:00Z')], NOW); // 5 Jan 01:00 Beijing
    expect(firstChangeDate([early])).toBe('2021-01-05');
    expect(pageDates(zones, new Date('2021-01-10T17:00:00Z'))).toEqual([
      '2021-01-05',
      '2021-01-06',
      '2021-01-07',
      '2021-01-08',
      '2021-01-09',
    ]);
    expect(pageDates(zones, new Date('2021-01-07T12:00:00Z'))).toEqual(['2021-01-05', '2021-01-06', '2021-01-07']);
    expect(pageDates([], new Date(NOW))).toEqual([]);
  });
});

describe('state at the end of each past date', () => {
  const days = statesByDate(zones, levels, beijingDatesBetween('2021-01-04', '2021-01-10'));
  const on = (date: string) => days.find((d) => d.date === date)!;
  const inForce = (date: string) => on(date).inForce.map((z) => `${z.zone.name}:${z.level.name}`);

  it('is empty before the first change', () => {
    expect(inForce('2021-01-04')).toEqual([]);
  });

  it('includes a change effective late in the day', () => {
    expect(inForce('2021-01-05')).toEqual(['增村镇小果庄村:中风险']);
  });

  it("counts a change at the next day's 00:00 on the next day, not at the end of this one", () => {
    // The re-levelling at 7 Jan 00:00 is not part of 6 Jan, and the lift at 9 Jan 00:00 not of 8 Jan.
    expect(inForce('2021-01-06')).toEqual(['藁城区全域:高风险', '增村镇小果庄村:中风险']);
    expect(inForce('2021-01-07')).toEqual(['藁城区全域:高风险', '增村镇小果庄村:高风险']);
    expect(inForce('2021-01-08')).toEqual(['增村镇小果庄村:高风险']);
    expect(inForce('2021-01-09')).toEqual([]);
  });

  it('lists the changes that took effect during each day', () => {
    expect(on('2021-01-06').changes.map((c) => c.event.action)).toEqual(['seal']);
    expect(on('2021-01-08').changes.map((c) => `${c.zone.name}:${c.event.action}`)).toEqual(['藁城区全域:lift']);
    expect(on('2021-01-10').changes).toEqual([]);
  });

  it('agrees with folding each zone separately at the end of every day', async () => {
    const { foldZoneEvents } = await import('@epi/core');
    for (const day of days) {
      const expected = zones
        .filter((z) => foldZoneEvents(z.events.filter((e) => e.effectiveAt < day.end)).status === 'sealed')
        .map((z) => z.id);
      expect(day.inForce.map((z) => z.id)).toEqual(expected);
    }
  });

  it('applies the counting rule to past dates too', () => {
    const day = on('2021-01-07');
    // 增村镇小果庄村 lies inside 藁城区全域: the whole district counts, once.
    expect(countByLevel(day.inForce, SCHEMES).find((c) => c.level.name === '高风险')?.count).toBe(1);
    const [gaocheng] = summariseDistricts(day.inForce, [{ code: '130109', name: '藁城区', shortName: '藁城区' }]);
    expect(gaocheng?.measure?.zone.name).toBe('藁城区全域');
    expect(gaocheng?.areas.map((z) => z.zone.name)).toEqual(['增村镇小果庄村']);
  });

  it('starts later than the first change without listing earlier changes', () => {
    const [first] = statesByDate(zones, levels, ['2021-01-07']);
    expect(first?.inForce.map((z) => z.zone.name)).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(first?.changes.map((c) => c.event.action)).toEqual(['relevel']);
  });
});
