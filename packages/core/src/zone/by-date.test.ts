import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/db.ts';
import { beijingDayEnd } from '../shared/time.ts';
import { levelsOf, pageDateFor, pageDates, zonesInForceAt } from './by-date.ts';
import type { ZoneView } from './zone.ts';
import { listLevelSchemes } from './levels.ts';
import { createZone, liftZone, listZones, relevelZone } from './zone.ts';

describe('zones in force at a moment', () => {
  it('counts a date as its end (like /zones/on/<date>/) and an instant including the changes at that instant', async () => {
    const db = await testDatabase();
    const ctx = { db, actor: { id: null, name: '管理员甲', role: 'admin' as const }, now: new Date('2021-01-20T10:00:00+08:00') };
    const village = await createZone(ctx, {
      districtCode: '130109',
      name: '增村镇小果庄村',
      kind: 'village',
      levelId: 'risk-2021.high',
      effectiveAt: '2021-01-05T20:00:00+08:00',
      notice: '公告',
    });
    await liftZone(ctx, {
      zoneId: village.id,
      expectedVersion: village.version,
      effectiveAt: '2021-01-09T00:00:00+08:00',
      notice: '解除公告',
    });
    const zones = await listZones(db, ctx.now.toISOString());
    const levels = levelsOf({ levelSchemes: await listLevelSchemes(db) });
    const names = (moment: { before: string } | { at: string }) =>
      zonesInForceAt(zones, levels, moment).map((z) => `${z.zone.name} ${z.level.name}`);

    expect(names({ before: beijingDayEnd('2021-01-04') })).toEqual([]);
    expect(names({ before: beijingDayEnd('2021-01-05') })).toEqual(['增村镇小果庄村 高风险']);
    // Lifted at 9 Jan 00:00: still in force at the end of the 8th, no longer on the 9th.
    expect(names({ before: beijingDayEnd('2021-01-08') })).toEqual(['增村镇小果庄村 高风险']);
    expect(names({ before: beijingDayEnd('2021-01-09') })).toEqual([]);
    expect(names({ at: '2021-01-05T11:59:59.999Z' })).toEqual([]);
    expect(names({ at: '2021-01-05T12:00:00.000Z' })).toEqual(['增村镇小果庄村 高风险']);
    expect(names({ at: '2021-01-08T15:59:59.999Z' })).toEqual(['增村镇小果庄村 高风险']);
    expect(names({ at: '2021-01-08T16:00:00.000Z' })).toEqual([]);
    expect(zonesInForceAt(zones, levels, { at: '2021-01-06T00:00:00.000Z' })[0]!.sealedSince).toBe('2021-01-05T12:00:00.000Z');
    await db.destroy();
  });

  it('ends control when a zone is lowered to 低风险, and counts it again when raised', async () => {
    const db = await testDatabase();
    const ctx = { db, actor: { id: null, name: '管理员甲', role: 'admin' as const }, now: new Date('2021-02-20T10:00:00+08:00') };
    let zone = await createZone(ctx, {
      districtCode: '130184',
      name: '天悦花苑',
      kind: 'community',
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-08T00:00:00+08:00',
      notice: '1月8日通报',
    });
    for (const [levelId, effectiveAt] of [
      ['risk-2021.high', '2021-01-18T00:00:00+08:00'],
      ['risk-2021.low', '2021-02-08T00:00:00+08:00'],
      ['risk-2021.medium', '2021-02-15T00:00:00+08:00'],
    ] as const) {
      zone = await relevelZone(ctx, { zoneId: zone.id, expectedVersion: zone.version, levelId, effectiveAt, notice: '通报' });
    }
    const zones = await listZones(db, ctx.now.toISOString());
    const levels = levelsOf({ levelSchemes: await listLevelSchemes(db) });
    const on = (date: string) => zonesInForceAt(zones, levels, { before: beijingDayEnd(date) }).map((z) => z.level.name);

    expect(on('2021-01-07')).toEqual([]);
    expect(on('2021-01-08')).toEqual(['中风险']);
    expect(on('2021-01-18')).toEqual(['高风险']);
    expect(on('2021-02-07')).toEqual(['高风险']);
    expect(on('2021-02-08')).toEqual([]);
    expect(on('2021-02-15')).toEqual(['中风险']);

    const lowered = await listZones(db, new Date('2021-02-10T00:00:00+08:00').toISOString());
    expect(lowered[0]!.state).toMatchObject({ status: 'sealed', levelId: 'risk-2021.low' });
    expect(lowered[0]!.underControl).toBe(false);
    expect(lowered[0]!.level).toMatchObject({ name: '低风险', control: false });
    expect(zones[0]!.underControl).toBe(true);
    await db.destroy();
  });
});

describe('the dates that get a page', () => {
  it('are the dates a change took effect, up to the release date; any other date shows the last of them before it', () => {
    const zone = (effective: string[]) => ({ events: effective.map((effectiveAt) => ({ effectiveAt })) }) as unknown as ZoneView;
    const zones = [
      zone(['2021-01-05T16:00:00.000Z', '2021-02-07T16:00:00.000Z']),
      zone(['2021-01-05T17:00:00.000Z', '2021-03-01T00:00:00.000Z']),
    ];
    const dates = pageDates(zones, new Date('2021-02-20T00:00:00+08:00'));
    expect(dates).toEqual(['2021-01-06', '2021-02-08']);
    expect(pageDateFor(dates, '2021-01-05')).toBeNull();
    expect(pageDateFor(dates, '2021-01-06')).toBe('2021-01-06');
    expect(pageDateFor(dates, '2021-02-07')).toBe('2021-01-06');
    expect(pageDateFor(dates, '2021-12-31')).toBe('2021-02-08');
  });
});
