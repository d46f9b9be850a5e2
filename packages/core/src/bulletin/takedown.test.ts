import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import { verifyChain } from '../audit/chain.ts';
import { staffMember, testDatabase } from '../test-support/db.ts';
import {
  approveBulletin,
  createBulletin,
  getBulletin,
  listPublicBulletins,
  publishBulletin,
  submitBulletin,
  updateBulletin,
  uploadAttachment,
  type Bulletin,
} from './bulletin.ts';
import { recordSiteChange } from '../release/site-change.ts';
import { logEntries } from '../translog/log.ts';
import { bulletinSiteChange } from './site-note.ts';
import { cancelTakedown, confirmTakedown, listTakedowns, requestTakedown, TAKEN_DOWN_TITLE } from './takedown.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const step = (b: Bulletin) => ({ id: b.id, expectedVersion: b.version });
const leaked = {
  title: '关于某小区确诊病例张某某（身份证号130105…）的情况通报',
  issuer: '石家庄市卫生健康委员会',
  issuedOn: '2021-01-15',
  category: 'notice' as const,
  bodyMd: '张某某，住址某小区3号楼2单元，手机号139…',
};

async function published() {
  const db = await testDatabase();
  const press = await staffMember(db, 'press_officer', '新闻发布员', '2021-01-15T18:00:00+08:00');
  const reviewer = await staffMember(db, 'reviewer', '审核员', '2021-01-15T18:10:00+08:00');
  const admin = await staffMember(db, 'admin', '管理员', '2021-01-15T18:20:00+08:00');
  const draft = await createBulletin(press, leaked);
  const file = await uploadAttachment(press, { bulletinId: draft.id, filename: '名单.pdf', contentBase64: PDF.toString('base64') });
  const withFile = await updateBulletin(press, { ...leaked, ...step(draft), attachmentIds: [file.id], changeReason: '附名单' });
  const submitted = await submitBulletin(press, step(withFile));
  const bulletin = await publishBulletin(reviewer, step(await approveBulletin(reviewer, step(submitted))));
  return { db, press, reviewer, admin, bulletin };
}

describe('takedowns', () => {
  it('take an admin and a reviewer: one asks, the other confirms; then only the fact and the reason remain', async () => {
    const { db, reviewer, admin, bulletin } = await published();
    const asked = await requestTakedown(admin, { id: bulletin.id, reason: '误发布个人信息，已撤下' });
    expect(asked).toMatchObject({ status: 'requested', title: leaked.title, requestedBy: { name: '管理员', role: 'admin' } });
    // Still public until confirmed.
    expect((await listPublicBulletins(db))[0]!.title).toBe(leaked.title);
    // Not by the same role, nor by a press officer.
    const otherAdmin = await staffMember(db, 'admin', '另一管理员', '2021-01-15T18:25:00+08:00');
    await expect(confirmTakedown(otherAdmin, { takedownId: asked.id })).rejects.toThrow('这项撤下由管理员提出，须由审核人员确认');
    await expect(confirmTakedown(admin, { takedownId: asked.id })).rejects.toThrow('撤下须由另一人确认');

    await confirmTakedown(reviewer, { takedownId: asked.id });
    const [shown] = await listPublicBulletins(db);
    expect(shown).toMatchObject({ title: TAKEN_DOWN_TITLE, bodyHtml: '', attachments: [] });
    expect(shown!.withdrawn).toEqual({ at: reviewer.now.toISOString(), reason: '误发布个人信息，已撤下', takenDown: true });
    // Gone from the database, every revision and every file.
    const text = JSON.stringify(await db.selectFrom('bulletin_revision').selectAll().execute());
    expect(text).not.toContain('张某某');
    expect(await db.selectFrom('bulletin_attachment').selectAll().execute()).toEqual([]);
    // The audit log keeps who did what and when about it, not what it said; its chain still holds.
    const audit = await db.selectFrom('audit_entry').selectAll().where('entity_id', '=', bulletin.id).orderBy('id').execute();
    expect(JSON.stringify(audit)).not.toContain('张某某');
    expect(JSON.stringify(audit)).not.toContain('附名单');
    expect(audit.filter((e) => e.redacted_at !== null).map((e) => e.action)).toEqual(
      expect.arrayContaining(['bulletin.create', 'bulletin.attachment.upload', 'bulletin.revise', 'bulletin.publish']),
    );
    expect(audit.at(-1)).toMatchObject({ action: 'bulletin.takedown', reason: '误发布个人信息，已撤下', redacted_at: null });
    expect(JSON.parse(audit.at(-1)!.after_json!)).toMatchObject({ auditEntriesKept: 0 });
    expect(verifyChain(await db.selectFrom('audit_entry').selectAll().orderBy('id').execute()).broken).toBeNull();
    expect((await getBulletin(db, bulletin.id)).takenDownAt).toBe(reviewer.now.toISOString());
    expect(await listTakedowns(db)).toEqual([]);
    const log = await listAudit(db, {
      entityType: 'bulletin',
      entityId: bulletin.id,
      actions: ['bulletin.takedown_request', 'bulletin.takedown'],
    });
    expect(log.map((e) => [e.action, e.actorName, e.reason])).toEqual([
      ['bulletin.takedown', '审核员', '误发布个人信息，已撤下'],
      ['bulletin.takedown_request', '管理员', '误发布个人信息，已撤下'],
    ]);
    await expect(requestTakedown(admin, { id: bulletin.id, reason: '再撤' })).rejects.toThrow('该公告已撤下');
  });

  it('leaves the title nowhere in the site history: never in the transparency log, and gone from the console and the releases', async () => {
    const { db, reviewer, admin, bulletin } = await published();
    const change = await recordSiteChange(db, reviewer, bulletinSiteChange('发布公告', { id: bulletin.id, title: leaked.title }));
    await db
      .insertInto('release')
      .values({
        id: 'r1',
        status: 'live',
        reasons: JSON.stringify([`发布公告：${leaked.title}`, '更新疫情通报']),
        requested_at: reviewer.now.toISOString(),
        started_at: reviewer.now.toISOString(),
        finished_at: reviewer.now.toISOString(),
        error: null,
        path: null,
        code_version: 'test',
        through_change: change,
      })
      .execute();
    // The console names the bulletin; the public log says what was done, and where.
    const siteReason = async () =>
      (await db.selectFrom('site_change').select('reason').where('id', '=', change).executeTakeFirstOrThrow()).reason;
    expect(await siteReason()).toBe(`发布公告：${leaked.title}`);
    const logged = await logEntries(db, change);
    expect(logged.at(-1)).toMatchObject({ reason: '发布公告', path: `/bulletins/${bulletin.id}/` });
    expect(JSON.stringify(logged)).not.toContain('张某某');

    const asked = await requestTakedown(admin, { id: bulletin.id, reason: '误发布个人信息，已撤下' });
    await confirmTakedown(reviewer, { takedownId: asked.id });
    expect(await siteReason()).toBe(`发布公告：${TAKEN_DOWN_TITLE}`);
    const reasons = (await db.selectFrom('release').select('reasons').where('id', '=', 'r1').executeTakeFirstOrThrow()).reasons;
    expect(JSON.parse(reasons)).toEqual([`发布公告：${TAKEN_DOWN_TITLE}`, '更新疫情通报']);
    // The log's entries are as they were: the tree published before still holds.
    expect(await logEntries(db, change)).toEqual(logged);
  });

  it('can be asked by a reviewer and confirmed by an admin, or cancelled with nothing changed', async () => {
    const { db, press, reviewer, admin, bulletin } = await published();
    await expect(requestTakedown(press, { id: bulletin.id, reason: 'x' })).rejects.toThrow('撤下公告须由管理员和审核人员各一人操作');
    const first = await requestTakedown(reviewer, { id: bulletin.id, reason: '误发布个人信息' });
    await expect(requestTakedown(admin, { id: bulletin.id, reason: '同一件事' })).rejects.toThrow('已有待确认的撤下申请');
    await cancelTakedown(admin, { takedownId: first.id });
    expect((await listPublicBulletins(db))[0]!.title).toBe(leaked.title);
    const second = await requestTakedown(reviewer, { id: bulletin.id, reason: '误发布个人信息' });
    await confirmTakedown(admin, { takedownId: second.id });
    expect((await listPublicBulletins(db))[0]!.withdrawn?.takenDown).toBe(true);
  });
});
