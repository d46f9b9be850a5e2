import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { VILLAGE_ZONE, failure } from '../test-support/fixtures.ts';
import { createZone, getZone, liftZone, listZones, relevelZone, sealZone } from './zone.ts';

/** The field of the InputError a write fails with. */
async function refusedField(write: Promise<unknown>): Promise<string | undefined> {
  const error = await failure(write);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).field;
}

describe('zone repository', () => {
  it('leaves no zone behind when its first measure is refused', async ({ db, admin }) => {
    // The zone row is written before the seal event is checked: the transaction must undo it.
    const field = await refusedField(createZone(admin, { ...VILLAGE_ZONE, plannedEndAt: '2021-01-04T00:00:00+08:00' }));
    expect(field).toBe('plannedEndAt');
    expect(await db.selectFrom('zone').selectAll().execute()).toEqual([]);
    expect(await listAudit(db)).toEqual([]);
  });

  it('refuses a second zone of the same name in a district, but allows it in another', async ({ db, admin }) => {
    await createZone(admin, VILLAGE_ZONE);
    expect(await refusedField(createZone(admin, { ...VILLAGE_ZONE, effectiveAt: '2021-01-06T00:00:00+08:00' }))).toBe('name');
    expect(await db.selectFrom('zone').selectAll().execute()).toHaveLength(1);
    await createZone(admin, { ...VILLAGE_ZONE, districtCode: '130102' });
    expect(await db.selectFrom('zone').selectAll().execute()).toHaveLength(2);
  });

  it('leaves no event and no audit entry when a change is refused', async ({ db, admin }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const entries = await listAudit(db);
    const change = { zoneId: zone.id, expectedVersion: zone.version, effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
    expect(await refusedField(relevelZone(admin, { ...change, levelId: VILLAGE_ZONE.levelId }))).toBe('levelId');
    expect(await refusedField(sealZone(admin, { ...change, levelId: 'risk-2021.low' }))).toBe('action');
    expect(await refusedField(liftZone(admin, { ...change, effectiveAt: '2021-01-04T00:00:00+08:00' }))).toBe('effectiveAt');
    expect(await refusedField(relevelZone(admin, { ...change, levelId: 'control-2022.sealed' }))).toBe('levelId');
    expect(await db.selectFrom('zone_event').selectAll().execute()).toHaveLength(1);
    expect(await listAudit(db)).toEqual(entries);
    expect((await getZone(db, zone.id, admin.now.toISOString())).version).toBe(zone.version);
  });

  it('refuses a change made against a stale version', async ({ db, admin }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const change = { zoneId: zone.id, effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
    await relevelZone(admin, { ...change, expectedVersion: zone.version, levelId: 'risk-2021.medium' });
    await expect(liftZone(admin, { ...change, expectedVersion: zone.version })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.selectFrom('zone_event').selectAll().execute()).toHaveLength(2);
  });

  it('can seal a lifted zone again, keeping its whole history', async ({ db, admin }) => {
    const zone = await createZone(admin, VILLAGE_ZONE);
    const lifted = await liftZone(admin, {
      zoneId: zone.id,
      expectedVersion: zone.version,
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '解除',
    });
    const again = await sealZone(admin, {
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
