import { listSiteChanges } from '../release/site-change.ts';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database.ts';
import { ScheduledRebuilds } from '../release/scheduler.ts';
import type { WriteContext } from '../shared/actor.ts';
import { later, staffMember, testDatabase } from '../test-support/db.ts';
import {
  approveBulletin,
  createBulletin,
  getBulletin,
  listBulletinTransitions,
  listPublicBulletins,
  publishBulletin,
  publishDueBulletins,
  returnBulletin,
  scheduleBulletin,
  submitBulletin,
  unscheduleBulletin,
  updateBulletin,
  uploadAttachment,
  withdrawBulletin,
  type Bulletin,
} from './bulletin.ts';

const content = {
  title: '关于进一步加强疫情防控工作的通告',
  issuer: '石家庄市人民政府',
  issuedOn: '2021-01-15',
  category: 'notice' as const,
  bodyMd: '全市实行封闭管理。',
};
const SYSTEM = { id: null, name: '系统', role: 'system' as const };
const step = (b: Bulletin) => ({ id: b.id, expectedVersion: b.version });

async function people() {
  const db = await testDatabase();
  const press = await staffMember(db, 'press_officer', '新闻发布员', '2021-01-15T18:00:00+08:00');
  const reviewer = await staffMember(db, 'reviewer', '审核员', '2021-01-15T18:10:00+08:00');
  return { db, press, reviewer };
}

async function inReview(press: WriteContext) {
  const draft = await createBulletin(press, content);
  return submitBulletin(press, step(draft));
}

describe('bulletin workflow', () => {
  it('goes draft → in review → approved → published, recording every transition', async () => {
    const { db, press, reviewer } = await people();
    const submitted = await inReview(press);
    const approved = await approveBulletin(reviewer, step(submitted));
    const published = await publishBulletin(later(press, '2021-01-15T19:00:00+08:00'), step(approved));
    expect(published).toMatchObject({
      status: 'published',
      publishedRevision: { number: 1 },
      firstPublishedAt: '2021-01-15T11:00:00.000Z',
    });
    const steps = await listBulletinTransitions(db, published.id);
    expect(steps.map((s) => [s.from, s.to, s.actorName])).toEqual([
      [null, 'draft', '新闻发布员'],
      ['draft', 'in_review', '新闻发布员'],
      ['in_review', 'approved', '审核员'],
      ['approved', 'published', '新闻发布员'],
    ]);
  });

  it('refuses self-approval, also by a second account of the author', async () => {
    const { db, press } = await people();
    const submitted = await inReview(press);
    await expect(approveBulletin(press, step(submitted))).rejects.toThrow('本人提交的内容需由其他审核人员批准');
    await expect(returnBulletin(press, { ...step(submitted), comment: '自己退回' })).rejects.toThrow('本人提交的内容需由其他审核人员批准');
    // A reviewer who wrote the revision under review cannot approve it either.
    const reviewer = await staffMember(db, 'reviewer', '审核员');
    const byReviewer = await updateBulletin(reviewer, { ...content, ...step(submitted), bodyMd: '审核员改写的正文' });
    const resubmitted = await submitBulletin(press, step(byReviewer));
    await expect(approveBulletin(reviewer, step(resubmitted))).rejects.toThrow('本人撰写的公告需由其他审核人员批准');
    expect((await getBulletin(db, submitted.id)).status).toBe('in_review');
  });

  it('refuses publishing without approval, and approving what is not in review', async () => {
    const { press, reviewer } = await people();
    const draft = await createBulletin(press, content);
    await expect(publishBulletin(press, step(draft))).rejects.toThrow('公告须经另一人审核批准后才能发布');
    await expect(approveBulletin(reviewer, step(draft))).rejects.toThrow('只有待审核的公告可以批准');
    const submitted = await submitBulletin(press, step(draft));
    await expect(publishBulletin(press, step(submitted))).rejects.toThrow('公告须经另一人审核批准后才能发布');
    await expect(submitBulletin(press, step(submitted))).rejects.toThrow('只有草稿可以提交审核');
    await expect(scheduleBulletin(press, { ...step(submitted), publishAt: '2021-01-16T08:00:00+08:00' })).rejects.toThrow(
      '只有已审核的公告可以定时发布',
    );
  });

  it('sends back with a comment; a changed text needs a new approval', async () => {
    const { press, reviewer } = await people();
    const submitted = await inReview(press);
    const returned = await returnBulletin(reviewer, { ...step(submitted), comment: '第二段的时间写错了' });
    expect(returned).toMatchObject({ status: 'draft', reviewComment: '第二段的时间写错了' });
    const fixed = await updateBulletin(press, { ...content, ...step(returned), bodyMd: '全市实行封闭管理，自1月16日0时起。' });
    const again = await submitBulletin(press, step(fixed));
    const approved = await approveBulletin(reviewer, step(again));
    // Editing after approval takes it back to draft: the approval was for another text.
    const edited = await updateBulletin(press, { ...content, ...step(approved), bodyMd: '再改一次' });
    expect(edited).toMatchObject({ status: 'draft', approvedBy: null, currentRevision: { number: 3 } });
    await expect(publishBulletin(press, step(edited))).rejects.toThrow('公告须经另一人审核批准后才能发布');
  });

  it('refuses editing, publishing or withdrawing a withdrawn bulletin again', async () => {
    const { db, press, reviewer } = await people();
    const approved = await approveBulletin(reviewer, step(await inReview(press)));
    const published = await publishBulletin(press, step(approved));
    const withdrawn = await withdrawBulletin(reviewer, { ...step(published), reason: '内容有误，以1月16日通告为准' });
    await expect(updateBulletin(press, { ...content, ...step(withdrawn), changeReason: '再改' })).rejects.toThrow('已撤回的公告不能再编辑');
    await expect(publishBulletin(press, step(withdrawn))).rejects.toThrow();
    await expect(withdrawBulletin(reviewer, { ...step(withdrawn), reason: '再撤' })).rejects.toThrow('该公告已撤回');
    const [shown] = await listPublicBulletins(db);
    expect(shown!.withdrawn).toEqual({ at: reviewer.now.toISOString(), reason: '内容有误，以1月16日通告为准', takenDown: false });
  });

  it('gives the public every reason saved since the previous publication', async () => {
    const { db, press, reviewer } = await people();
    const first = await publishBulletin(press, step(await approveBulletin(reviewer, step(await inReview(press)))));
    const second = await updateBulletin(press, { ...content, ...step(first), bodyMd: '自1月16日0时起', changeReason: '补充起始时间' });
    const third = await updateBulletin(press, { ...content, ...step(second), bodyMd: '自1月16日0时起实行', changeReason: '文字修改' });
    const submitted = await submitBulletin(press, step(third));
    await publishBulletin(press, step(await approveBulletin(reviewer, step(submitted))));
    const [shown] = await listPublicBulletins(db);
    expect(shown!.publications.map((p) => [p.revision, p.reason])).toEqual([
      [1, null],
      [3, '补充起始时间；文字修改'],
    ]);
    expect(shown!.updated?.reason).toBe('补充起始时间；文字修改');
  });

  it('refuses withdrawing what was never published', async () => {
    const { press, reviewer } = await people();
    const draft = await createBulletin(press, content);
    await expect(withdrawBulletin(reviewer, { ...step(draft), reason: '不要了' })).rejects.toThrow('未发布的公告无需撤回');
  });

  it("binds the reviewer's time: the author can neither publish early, move nor lift it, nor withdraw; a reviewer can", async () => {
    const { press, reviewer } = await people();
    const publishAt = '2021-01-16T11:00:00.000Z';
    const scheduled = await approveBulletin(reviewer, { ...step(await inReview(press)), publishAt });
    expect(scheduled.approvedPublishAt).toBe(publishAt);
    const bound = '审核人定于2021年1月16日 19:00发布';
    await expect(publishBulletin(press, step(scheduled))).rejects.toThrow(`${bound}；提前发布须由审核人操作，或修改后重新提交审核`);
    await expect(scheduleBulletin(press, { ...step(scheduled), publishAt: '2021-01-15T12:00:00.000Z' })).rejects.toThrow(`${bound}；改期`);
    await expect(unscheduleBulletin(press, step(scheduled))).rejects.toThrow(`${bound}；取消定时`);
    // Setting the same time again changes nothing and is allowed.
    const same = await scheduleBulletin(press, { ...step(scheduled), publishAt });
    // The reviewer moves it: the new time binds in turn.
    const moved = await scheduleBulletin(reviewer, { ...step(same), publishAt: '2021-01-15T12:00:00.000Z' });
    expect(moved.approvedPublishAt).toBe('2021-01-15T12:00:00.000Z');
    await expect(publishBulletin(press, step(moved))).rejects.toThrow('提前发布');
    const published = await publishBulletin(reviewer, step(moved));
    expect(published.status).toBe('published');
    await expect(withdrawBulletin(press, { ...step(published), reason: '有误' })).rejects.toThrow('撤回公告须由审核人员操作');
    // Past the bound time the author may publish what was approved (the scheduler would have).
    const next = await approveBulletin(reviewer, { ...step(await inReview(press)), publishAt: '2021-01-15T12:00:00.000Z' });
    expect((await publishBulletin({ ...press, now: new Date('2021-01-15T12:00:00.000Z') }, step(next))).status).toBe('published');
  });

  it('schedules, unschedules and publishes when due, as the system', async () => {
    const { db, press, reviewer } = await people();
    const submitted = await inReview(press);
    const publishAt = '2021-01-15T19:00:00+08:00';
    const scheduled = await approveBulletin(reviewer, { ...step(submitted), publishAt });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: '2021-01-15T11:00:00.000Z' });
    // The reviewer's time binds: the reviewer lifts it, and the press officer may then set one.
    const unscheduled = await unscheduleBulletin(reviewer, step(scheduled));
    expect(unscheduled).toMatchObject({ status: 'approved', scheduledAt: null });
    await scheduleBulletin(press, { ...step(unscheduled), publishAt });

    expect(await publishDueBulletins({ db, actor: SYSTEM, now: new Date('2021-01-15T10:59:59Z') })).toEqual([]);
    expect(await listPublicBulletins(db)).toEqual([]);
    const [published] = await publishDueBulletins({ db, actor: SYSTEM, now: new Date('2021-01-15T11:00:00Z') });
    expect(published).toMatchObject({ status: 'published', publishedAt: '2021-01-15T11:00:00.000Z', scheduledAt: null });
    expect((await listBulletinTransitions(db, submitted.id)).at(-1)).toMatchObject({
      from: 'scheduled',
      to: 'published',
      actorName: '系统',
    });
    // Recorded for the public site with the publication: it goes live even if the process stops first.
    expect((await listSiteChanges(db)).map((c) => [c.path, c.status, c.requestedBy])).toEqual([
      [`/bulletins/${published!.id}/`, 'pending', '系统'],
    ]);
    expect(await publishDueBulletins({ db, actor: SYSTEM, now: new Date('2021-01-15T12:00:00Z') })).toEqual([]);
  });

  it('refuses a publication time that is not in the future', async () => {
    const { press, reviewer } = await people();
    const submitted = await inReview(press);
    await expect(approveBulletin(reviewer, { ...step(submitted), publishAt: reviewer.now.toISOString() })).rejects.toThrow(
      '定时发布的时间须晚于现在',
    );
  });

  it('refuses a stale step', async () => {
    const { press, reviewer } = await people();
    const draft = await createBulletin(press, content);
    await submitBulletin(press, step(draft));
    await expect(approveBulletin(reviewer, step(draft))).rejects.toThrow(/已被其他人修改/);
  });
});

describe('scheduled publication after a restart', () => {
  async function scheduledFor(db: Db, press: WriteContext, reviewer: WriteContext, publishAt: string) {
    const submitted = await inReview(press);
    return approveBulletin(reviewer, { ...step(submitted), publishAt });
  }
  const timers = () => {
    const pending: Array<{ fn: () => void; ms: number }> = [];
    return { pending, setTimer: (fn: () => void, ms: number) => pending.push({ fn, ms }), clearTimer: () => {} };
  };

  it('plans the publication for its time, then publishes and asks for a release', async () => {
    const { db, press, reviewer } = await people();
    const b = await scheduledFor(db, press, reviewer, '2021-01-15T19:00:00+08:00');
    const requests: string[] = [];
    const t = timers();
    const scheduler = new ScheduledRebuilds({
      db,
      request: (r) => requests.push(r),
      onDue: (now) => publishDueBulletins({ db, actor: SYSTEM, now }),
      now: () => new Date('2021-01-15T10:30:00Z'),
      ...t,
    });
    await scheduler.refresh();
    expect(t.pending.map((p) => p.ms)).toEqual([30 * 60_000]);
    expect(requests).toEqual([]);
    expect((await getBulletin(db, b.id)).status).toBe('scheduled');
  });

  it('a new process started after the time has passed publishes it at once, with nobody signed in', async () => {
    const { db, press, reviewer } = await people();
    const b = await scheduledFor(db, press, reviewer, '2021-01-15T19:00:00+08:00');
    // The first process planned a timer and was stopped before it fired.
    const first = new ScheduledRebuilds({ db, request: () => {}, now: () => new Date('2021-01-15T10:30:00Z'), ...timers() });
    await first.refresh();
    first.stop();

    const requests: string[] = [];
    const restarted = new ScheduledRebuilds({
      db,
      request: (r) => requests.push(r),
      onDue: (now) => publishDueBulletins({ db, actor: SYSTEM, now }),
      now: () => new Date('2021-01-15T12:00:00Z'),
      ...timers(),
    });
    await restarted.refresh();
    await vi.waitFor(() => expect(requests).toEqual([`定时发布公告：${content.title}`]));
    expect(await getBulletin(db, b.id)).toMatchObject({ status: 'published', publishedAt: '2021-01-15T12:00:00.000Z' });
    expect((await listPublicBulletins(db)).map((x) => x.id)).toEqual([b.id]);
  });
});

describe('scheduled publication when something goes wrong', () => {
  it('publishes the rest when one bulletin cannot go out, and names the one that failed', async () => {
    const { db, press, reviewer } = await people();
    const first = await approveBulletin(reviewer, { ...step(await inReview(press)), publishAt: '2021-01-15T19:00:00+08:00' });
    const second = await approveBulletin(reviewer, { ...step(await inReview(press)), publishAt: '2021-01-15T19:05:00+08:00' });
    await sql`CREATE TRIGGER refuse_first BEFORE INSERT ON audit_entry WHEN NEW.entity_id = ${sql.lit(first.id)} BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(
      db,
    );
    const failed: string[] = [];
    const published = await publishDueBulletins(
      { db, actor: SYSTEM, now: new Date('2021-01-15T12:00:00Z') },
      { onError: (id) => failed.push(id) },
    );
    expect(published.map((b) => b.id)).toEqual([second.id]);
    expect(failed).toEqual([first.id]);
    expect((await getBulletin(db, first.id)).status).toBe('scheduled');
  });

  it('skips one that was edited after the list of due bulletins was read', async () => {
    const { db, press, reviewer } = await people();
    const scheduled = await approveBulletin(reviewer, { ...step(await inReview(press)), publishAt: '2021-01-15T19:00:00+08:00' });
    await updateBulletin(press, { ...content, ...step(scheduled), bodyMd: '改过的正文' });
    expect(await publishDueBulletins({ db, actor: SYSTEM, now: new Date('2021-01-15T12:00:00Z') })).toEqual([]);
    expect((await getBulletin(db, scheduled.id)).status).toBe('draft');
  });
});

describe('attachments', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

  it('are checked by content, not by name, and limited in size', async () => {
    const { press } = await people();
    const draft = await createBulletin(press, content);
    const up = (filename: string, bytes: Buffer) =>
      uploadAttachment(press, { bulletinId: draft.id, filename, contentBase64: bytes.toString('base64') });
    expect(await up('现场照片.png', PNG)).toMatchObject({ mediaType: 'image/png', filename: '现场照片.png' });
    expect(await up('../../etc/现场照片', PNG)).toMatchObject({ filename: '现场照片.png' });
    await expect(up('通告.pdf', PNG)).rejects.toThrow('文件名是 .pdf，但内容是 PNG 图片');
    await expect(up('脚本.png', Buffer.from('<svg onload="alert(1)"></svg>'))).rejects.toThrow(/只接受 PDF/);
    await expect(up('大文件.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024)]))).rejects.toThrow(/超过 5 MB/);
  });

  it('belong to the revisions that list them', async () => {
    const { db, press } = await people();
    const draft = await createBulletin(press, content);
    const other = await createBulletin(press, { ...content, title: '另一份通告' });
    const png = await uploadAttachment(press, { bulletinId: other.id, filename: 'a.png', contentBase64: PNG.toString('base64') });
    await expect(updateBulletin(press, { ...content, ...step(draft), attachmentIds: [png.id] })).rejects.toThrow('不属于该公告');
    expect((await getBulletin(db, draft.id)).revisionCount).toBe(1);
  });
});
