import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { approveBulletin, createBulletin, publishBulletin, submitBulletin } from '../bulletin/bulletin.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { approveReport, submitReport } from '../report/workflow.ts';
import type { Actor, WriteContext } from '../shared/actor.ts';
import { staffMember, testDatabase } from '../test-support/db.ts';
import { createZone, relevelZone } from '../zone/zone.ts';
import { listAudit, recordAudit } from './audit.ts';
import { JAN15_NOON_REPORT } from '../test-support/fixtures.ts';

const ADMIN: Actor = { id: null, name: '管理员甲', role: 'admin' };

const village = {
  districtCode: '130109',
  name: '增村镇小果庄村',
  kind: 'village' as const,
  levelId: 'risk-2021.high',
  effectiveAt: '2021-01-05T00:00:00+08:00',
  notice: '风险等级调整公告',
};

async function count(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Makes the database refuse audit entries of one action, as a failing disk or a bug would. */
async function refuseAudit(db: Db, action: string): Promise<void> {
  await sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entry WHEN NEW.action = ${sql.lit(action)}
    BEGIN SELECT RAISE(ABORT, 'audit refused'); END`.execute(db);
}

describe('audit log', () => {
  let db: Db;
  let ctx: WriteContext;
  beforeEach(async () => {
    db = await testDatabase();
    ctx = { db, actor: ADMIN, now: new Date('2021-01-15T12:00:00+08:00') };
  });

  it('records who, when, what, before and after; newest first, filtered by entity', async () => {
    await recordAudit(db, ADMIN, ctx.now, {
      action: 'zone.relevel',
      entityType: 'zone',
      entityId: 'z1',
      before: { level: 'high' },
      after: { level: 'medium' },
      reason: '通告',
    });
    await recordAudit(db, ADMIN, ctx.now, { action: 'zone.create', entityType: 'zone', entityId: 'z2', after: { name: 'x' } });
    const all = await listAudit(db);
    expect(all.map((e) => e.entityId)).toEqual(['z2', 'z1']);
    expect(await listAudit(db, { entityType: 'zone', entityId: 'z1' })).toEqual([
      {
        id: all[1]!.id,
        at: '2021-01-15T04:00:00.000Z',
        actorId: null,
        actorName: '管理员甲',
        action: 'zone.relevel',
        entityType: 'zone',
        entityId: 'z1',
        before: { level: 'high' },
        after: { level: 'medium' },
        reason: '通告',
      },
    ]);
    expect(all[0]).toMatchObject({ before: null, reason: null });
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await createZone(ctx, village);
    const entries = await listAudit(db);
    expect(entries.length).toBeGreaterThan(0);
    await expect(db.updateTable('audit_entry').set({ actor_name: '别人' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_entry').execute()).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_entry WHERE id = ${entries[0]!.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect(await listAudit(db)).toEqual(entries);
  });

  describe('every write is atomic with its audit entry', () => {
    it('creating a zone: no zone, event or entry is left when the last entry fails', async () => {
      await refuseAudit(db, 'zone.seal');
      await expect(createZone(ctx, village)).rejects.toThrow(/audit refused/);
      expect(await count(db, 'zone')).toBe(0);
      expect(await count(db, 'zone_event')).toBe(0);
      expect(await count(db, 'audit_entry')).toBe(0);
    });

    it('re-levelling a zone: no event and no version change', async () => {
      const zone = await createZone(ctx, village);
      await refuseAudit(db, 'zone.relevel');
      const change = { zoneId: zone.id, expectedVersion: zone.version, effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
      await expect(relevelZone(ctx, { ...change, levelId: 'risk-2021.medium' })).rejects.toThrow(/audit refused/);
      expect(await count(db, 'zone_event')).toBe(1);
      const row = await db.selectFrom('zone').select('version').executeTakeFirstOrThrow();
      expect(row.version).toBe(zone.version);
    });

    it('submitting a report: neither the report nor its district rows', async () => {
      await refuseAudit(db, 'report.submit');
      await expect(
        submitReport(ctx, {
          ...JAN15_NOON_REPORT,
          districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 8 }],
        }),
      ).rejects.toThrow(/audit refused/);
      expect(await count(db, 'report')).toBe(0);
      expect(await count(db, 'report_district')).toBe(0);
    });

    it('approving a report: it stays in review at its version', async () => {
      const press = await staffMember(db, 'press_officer', '新闻发布员');
      const reviewer = await staffMember(db, 'reviewer', '审核员');
      const submitted = await submitReport(press, {
        periodStart: '2021-01-15T00:00:00+08:00',
        periodEnd: '2021-01-15T12:00:00+08:00',
        newConfirmed: 48,
        newAsymptomatic: 10,
        cumulativeConfirmed: 579,
        cumulativeAsymptomatic: 213,
      });
      await refuseAudit(db, 'report.approve');
      await expect(approveReport(reviewer, { id: submitted.id, expectedVersion: submitted.version })).rejects.toThrow(/audit refused/);
      const row = await db.selectFrom('report').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'in_review', version: 1, published_at: null, reviewed_by: null });
    });

    it('creating and publishing a bulletin', async () => {
      await refuseAudit(db, 'bulletin.create');
      const content = { title: '通告', issuer: '市政府', issuedOn: '2021-01-15', category: 'notice' as const, bodyMd: '正文' };
      await expect(createBulletin(ctx, content)).rejects.toThrow(/audit refused/);
      expect(await count(db, 'bulletin')).toBe(0);
      expect(await count(db, 'bulletin_revision')).toBe(0);

      await sql`DROP TRIGGER test_refuse_audit`.execute(db);
      const draft = await createBulletin(ctx, content);
      const reviewer = await staffMember(db, 'reviewer', '审核员');
      const submitted = await submitBulletin(ctx, { id: draft.id, expectedVersion: draft.version });
      const approved = await approveBulletin(reviewer, { id: submitted.id, expectedVersion: submitted.version });
      await refuseAudit(db, 'bulletin.publish');
      await expect(publishBulletin(ctx, { id: approved.id, expectedVersion: approved.version })).rejects.toThrow(/audit refused/);
      const row = await db.selectFrom('bulletin').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'approved', published_revision: null, published_at: null, version: 3 });
      expect(await count(db, 'bulletin_transition')).toBe(3);
    });
  });
});
