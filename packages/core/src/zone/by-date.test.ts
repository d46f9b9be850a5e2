import { describe, expect, it } from 'vitest';
import { testDatabase } from '../test-support/db.ts';
import { beijingDayEnd } from '../shared/time.ts';
import { levelsOf, zonesInForceAt } from './by-date.ts';
import { listLevelSchemes } from './levels.ts';
import { createZone, liftZone, listZones } from './zone.ts';

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
});
