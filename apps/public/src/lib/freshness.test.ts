import { describe, expect, it } from 'vitest';
import { report } from '../test-support/figures.ts';
import { LATE_AFTER_HOURS, lateNoticeText, lateUpdate, latestUpdate, recordUpdatedAt } from './freshness.ts';

const latest = report('2021-01-15T00:00:00+08:00', '2021-01-15T12:00:00+08:00');
const after = (hours: number, ms = 0) => new Date(new Date(latest.periodEnd).getTime() + hours * 3_600_000 + ms);

describe('late update rule', () => {
  it('is 36 hours after the end of the latest period', () => {
    expect(LATE_AFTER_HOURS).toBe(36);
  });

  it('says nothing up to the threshold, and the notice one moment after', () => {
    expect(lateUpdate(latest, after(20))).toBeNull();
    expect(lateUpdate(latest, after(36))).toBeNull();
    expect(lateUpdate(latest, after(36, 1))).toEqual({ lastPeriodEnd: latest.periodEnd, hoursSince: 36 });
    expect(lateUpdate(latest, after(50))?.hoursSince).toBe(50);
  });

  it('says nothing when nothing has been published', () => {
    expect(lateUpdate(null, after(1000))).toBeNull();
  });

  it('names the end of the last period in Beijing time', () => {
    expect(lateNoticeText(lateUpdate(latest, after(40))!)).toBe('最新数据尚未更新：上次通报截至2021年1月15日 12:00。');
  });
});

describe('data updated time', () => {
  it('is the latest publication or correction', () => {
    const plain = report('2021-01-14T00:00:00+08:00', '2021-01-15T00:00:00+08:00');
    const corrected = report('2021-01-13T00:00:00+08:00', '2021-01-14T00:00:00+08:00', {
      corrections: [{ field: 'newConfirmed', oldValue: 5, newValue: 4, reason: '重复计入', correctedAt: '2021-01-16T09:00:00+08:00' }],
    });
    expect(recordUpdatedAt(plain)).toBe(plain.publishedAt);
    expect(recordUpdatedAt(corrected)).toBe('2021-01-16T01:00:00.000Z');
    expect(latestUpdate([plain, corrected, latest])).toBe('2021-01-16T01:00:00.000Z');
    expect(latestUpdate([])).toBeNull();
  });
});
