import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { testDatabase } from '../test-support/db.ts';
import { createZone, getZone, liftZone, listZones, relevelZone, sealZone } from './zone.ts';

const village = {
  districtCode: '130109',
  name: '增村镇小果庄村',
  kind: 'village' as const,
  levelId: 'risk-2021.high',
  effectiveAt: '2021-01-05T00:00:00+08:00',
  notice: '风险等级调整公告',
};

/** The field of the InputError a write fails with. */
async function refusedField(write: Promise<unknown>): Promise<string | undefined> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).field;
}

describe('zone repository', () => {
  let db: Db;
  let ctx: WriteContext;
  beforeEach(async () => {
    db = await testDatabase();
    ctx = { db, actor: { id: null, name: '管理员甲', role: 'admin' }, now: new Date('2021-01-20T10:00:00+08:00') };
  });

  it('leaves no zone behind when its first measure is refused', async () => {
    // The zone row is written before the seal event is checked: the transaction must undo it.
    const field = await refusedField(createZone(ctx, { ...village, plannedEndAt: '2021-01-04T00:00:00+08:00' }));
    expect(field).toBe('plannedEndAt');
    expect(await db.selectFrom('zone').selectAll().execute()).toEqual([]);
    expect(await listAudit(db)).toEqual([]);
  });

  it('refuses a second zone of the same name in a district, but allows it in another', async () => {
    await createZone(ctx, village);
    expect(await refusedField(createZone(ctx, { ...village, effectiveAt: '2021-01-06T00:00:00+08:00' }))).toBe('name');
    expect(await db.selectFrom('zone').selectAll().execute()).toHaveLength(1);
    await createZone(ctx, { ...village, districtCode: '130102' });
    expect(await db.selectFrom('zone').selectAll().execute()).toHaveLength(2);
  });

  it('leaves no event and no audit entry when a change is refused', async () => {
    const zone = await createZone(ctx, village);
    const entries = await listAudit(db);
    const change = { zoneId: zone.id, expectedVersion: zone.version, effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
    expect(await refusedField(relevelZone(ctx, { ...change, levelId: village.levelId }))).toBe('levelId');
    expect(await refusedField(sealZone(ctx, { ...change, levelId: 'risk-2021.low' }))).toBe('action');
    expect(await refusedField(liftZone(ctx, { ...change, effectiveAt: '2021-01-04T00:00:00+08:00' }))).toBe('effectiveAt');
    expect(await refusedField(relevelZone(ctx, { ...change, levelId: 'control-2022.sealed' }))).toBe('levelId');
    expect(await db.selectFrom('zone_event').selectAll().execute()).toHaveLength(1);
    expect(await listAudit(db)).toEqual(entries);
    expect((await getZone(db, zone.id, ctx.now.toISOString())).version).toBe(zone.version);
  });

  it('refuses a change made against a stale version', async () => {
    const zone = await createZone(ctx, village);
    const change = { zoneId: zone.id, effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
    await relevelZone(ctx, { ...change, expectedVersion: zone.version, levelId: 'risk-2021.medium' });
    await expect(liftZone(ctx, { ...change, expectedVersion: zone.version })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.selectFrom('zone_event').selectAll().execute()).toHaveLength(2);
  });

  it('can seal a lifted zone again, keeping its whole history', async () => {
    const zone = await createZone(ctx, village);
    const lifted = await liftZone(ctx, {
      zoneId: zone.id,
      expectedVersion: zone.version,
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '解除',
    });
    const again = await sealZone(ctx, {
      zoneId: zone.id,
      expectedVersion: lifted.version,
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-15T00:00:00+08:00',
      notice: '再次划定',
    });
    expect(again.events.map((e) => e.action)).toEqual(['seal', 'lift', 'seal']);
    expect(again.state).toMatchObject({ status: 'sealed', sealedSince: '2021-01-14T16:00:00.000Z', levelId: 'risk-2021.medium' });
    const [atLift] = await listZones(db, '2021-01-12T00:00:00+08:00');
    expect(atLift!.state.status).toBe('lifted');
    expect(atLift!.upcoming.map((e) => e.action)).toEqual(['seal']);
  });
});
