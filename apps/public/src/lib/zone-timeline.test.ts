import { describe, expect, it } from 'vitest';
import { lift, relevel, seal, zone } from '../test-support/zones.ts';
import { groupByDate, groupByMonth, recentDays, timelineEntries } from './zone-timeline.ts';

const NOW = new Date('2021-01-16T12:00:00+08:00').toISOString();
const a = zone({ name: '甲村' }, [seal('high', '2021-01-05T00:00:00+08:00'), lift('2021-02-08T00:00:00+08:00')], NOW);
const b = zone({ name: '乙村' }, [seal('medium', '2021-01-05T23:30:00+08:00'), relevel('high', '2021-01-10T08:00:00+08:00')], NOW);

describe('city-wide zone timeline', () => {
  const entries = timelineEntries([a, b], NOW);

  it('lists every change newest first and marks those not yet in effect', () => {
    expect(entries.map((e) => `${e.zone.name}:${e.event.action}:${e.upcoming}`)).toEqual([
      '甲村:lift:true',
      '乙村:relevel:false',
      '乙村:seal:false',
      '甲村:seal:false',
    ]);
  });

  it('groups by Beijing date and by month', () => {
    const days = groupByDate(entries);
    expect(days.map((d) => [d.date, d.entries.length])).toEqual([
      ['2021-02-08', 1],
      ['2021-01-10', 1],
      ['2021-01-05', 2],
    ]);
    expect(groupByMonth(days).map((m) => [m.month, m.count])).toEqual([
      ['2021-02', 1],
      ['2021-01', 3],
    ]);
  });

  it('shows whole recent days up to a minimum number of changes', () => {
    const days = groupByDate(entries);
    expect(recentDays(days, 2).map((d) => d.date)).toEqual(['2021-02-08', '2021-01-10']);
    expect(recentDays(days, 100)).toHaveLength(3);
  });
});
