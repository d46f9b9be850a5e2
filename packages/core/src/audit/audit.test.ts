import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { approveBulletin, createBulletin, publishBulletin, submitBulletin } from '../bulletin/bulletin.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { approveReport, submitReport } from '../report/workflow.ts';
import { ADMIN, deskTest as it } from '../test-support/desk.ts';
import { JAN15_NOON_REPORT, VILLAGE_ZONE } from '../test-support/fixtures.ts';
import { createZone, relevelZone } from '../zone/zone.ts';
import { listAudit, recordAudit } from './audit.ts';

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
  it.override('times', { admin: '2021-01-15T12:00:00+08:00' });

  it('records who, when, what, before and after; newest first, filtered by entity', async ({ db, admin }) => {
    const relevel = {
      action: 'zone.relevel',
      entityType: 'zone',
      entityId: 'z1',
      before: { level: 'high' },
      after: { level: 'medium' },
      reason: '通告',
    };
    await recordAudit(db, ADMIN, admin.now, relevel);
    await recordAudit(db, ADMIN, admin.now, { action: 'zone.create', entityType: 'zone', entityId: 'z2', after: { name: 'x' } });
    const all = await listAudit(db);
    expect(all.map((e) => e.entityId)).toEqual(['z2', 'z1']);
    expect(await listAudit(db, { entityType: 'zone', entityId: 'z1' })).toEqual([
      { id: all[1]!.id, at: '2021-01-15T04:00:00.000Z', actorId: null, actorName: '管理员甲', ...relevel, redactedAt: null },
    ]);
    expect(all[0]).toMatchObject({ before: null, reason: null });
  });

  it('is append-only: the database refuses to change or delete an entry', async ({ db, admin }) => {
    await createZone(admin, VILLAGE_ZONE);
    const entries = await listAudit(db);
    expect(entries.length).toBeGreaterThan(0);
    await expect(db.updateTable('audit_entry').set({ actor_name: '别人' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_entry').execute()).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_entry WHERE id = ${entries[0]!.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect(await listAudit(db)).toEqual(entries);
  });

  describe('every write is atomic with its audit entry', () => {
    it('creating a zone: no zone, event or entry is left when the last entry fails', async ({ db, admin }) => {
      await refuseAudit(db, 'zone.seal');
      await expect(createZone(admin, VILLAGE_ZONE)).rejects.toThrow(/audit refused/);
      expect(await count(db, 'zone')).toBe(0);
      expect(await count(db, 'zone_event')).toBe(0);
      expect(await count(db, 'audit_entry')).toBe(0);
    });

    it('re-levelling a zone: no event and no version change', async ({ db, admin }) => {
      const zone = await createZone(admin, VILLAGE_ZONE);
      await refuseAudit(db, 'zone.relevel');
      const change = { zoneId: zone.id, expectedVersion: zone.version, effectiveAt: '2021-01-18T00:00:00+08:00', notice: '通告' };
      await expect(relevelZone(admin, { ...change, levelId: 'risk-2021.medium' })).rejects.toThrow(/audit refused/);
      expect(await count(db, 'zone_event')).toBe(1);
      const row = await db.selectFrom('zone').select('version').executeTakeFirstOrThrow();
      expect(row.version).toBe(zone.version);
    });

    it('submitting a report: neither the report nor its district rows', async ({ db, admin }) => {
      await refuseAudit(db, 'report.submit');
      await expect(
        submitReport(admin, {
          ...JAN15_NOON_REPORT,
          districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 8 }],
        }),
      ).rejects.toThrow(/audit refused/);
      expect(await count(db, 'report')).toBe(0);
      expect(await count(db, 'report_district')).toBe(0);
    });

    it('approving a report: it stays in review at its version', async ({ db, press, reviewer }) => {
      const submitted = await submitReport(press, JAN15_NOON_REPORT);
      await refuseAudit(db, 'report.approve');
      await expect(approveReport(reviewer, { id: submitted.id, expectedVersion: submitted.version })).rejects.toThrow(/audit refused/);
      const row = await db.selectFrom('report').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'in_review', version: 1, published_at: null, reviewed_by: null });
    });

    it('creating and publishing a bulletin', async ({ db, admin, reviewer }) => {
      await refuseAudit(db, 'bulletin.create');
      const content = { title: '通告', issuer: '市政府', issuedOn: '2021-01-15', category: 'notice' as const, bodyMd: '正文' };
      await expect(createBulletin(admin, content)).rejects.toThrow(/audit refused/);
      expect(await count(db, 'bulletin')).toBe(0);
      expect(await count(db, 'bulletin_revision')).toBe(0);

      await sql`DROP TRIGGER test_refuse_audit`.execute(db);
      const draft = await createBulletin(admin, content);
      const submitted = await submitBulletin(admin, { id: draft.id, expectedVersion: draft.version });
      const approved = await approveBulletin(reviewer, { id: submitted.id, expectedVersion: submitted.version });
      await refuseAudit(db, 'bulletin.publish');
      await expect(publishBulletin(admin, { id: approved.id, expectedVersion: approved.version })).rejects.toThrow(/audit refused/);
      const row = await db.selectFrom('bulletin').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'approved', published_revision: null, published_at: null, version: 3 });
      expect(await count(db, 'bulletin_transition')).toBe(3);
    });
  });
});
