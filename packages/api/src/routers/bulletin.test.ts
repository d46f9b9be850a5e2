import { listAudit } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { errorOf, outcomeOf, routerTest as it, type Caller } from '../test-support.ts';

const notice = {
  title: '关于在全市开展第三轮全员核酸检测的通告',
  issuer: '石家庄市应对新冠肺炎疫情工作领导小组办公室',
  issuedOn: '2021-01-15',
  category: 'notice' as const,
  bodyMd: '全市开展**第三轮**全员核酸检测。<script>alert(1)</script>',
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Drafted and submitted by the press officer, approved by the reviewer. */
async function approved(press: Caller, reviewer: Caller, content = notice) {
  const draft = await press.bulletin.create(content);
  const submitted = await press.bulletin.submit({ id: draft.id, expectedVersion: draft.version });
  return reviewer.bulletin.approve({ id: submitted.id, expectedVersion: submitted.version });
}

/** Drafted, submitted, approved and published. */
async function publishedBulletin(press: Caller, reviewer: Caller) {
  const ok = await approved(press, reviewer);
  return press.bulletin.publish({ id: ok.id, expectedVersion: ok.version });
}

describe('bulletin router', () => {
  it('keeps drafts away from the public until a second person approved and it is published', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    const draft = await press.bulletin.create(notice);
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      publishedRevision: null,
      currentRevision: { number: 1, title: notice.title },
    });
    expect(await anonymous.bulletin.list()).toEqual([]);
    expect(await outcomeOf(anonymous.bulletin.byId({ id: draft.id }))).toBe('NOT_FOUND');
    expect(await outcomeOf(press.bulletin.publish({ id: draft.id, expectedVersion: draft.version }))).toBe('BAD_REQUEST');
    expect(api.publisher.reasons).toEqual([]);

    const submitted = await press.bulletin.submit({ id: draft.id, expectedVersion: draft.version });
    const ok = await reviewer.bulletin.approve({ id: submitted.id, expectedVersion: submitted.version });
    expect(ok).toMatchObject({ status: 'approved', approvedBy: { name: '审核员' }, submittedBy: { name: '新闻发布员' } });
    const published = await press.bulletin.publish({ id: draft.id, expectedVersion: ok.version });
    expect(published).toMatchObject({
      status: 'published',
      publishedAt: api.clock.now.toISOString(),
      firstPublishedAt: api.clock.now.toISOString(),
    });
    expect(api.publisher.reasons).toEqual([`发布公告：${notice.title}`]);

    const [listed] = await anonymous.bulletin.list();
    expect(listed).toMatchObject({ id: draft.id, title: notice.title, issuer: notice.issuer, updated: null, withdrawn: null });
    const shown = await anonymous.bulletin.byId({ id: draft.id });
    expect(shown.bodyHtml).toContain('<strong>第三轮</strong>');
    expect(shown.bodyHtml).not.toContain('<script');
    const steps = await reviewer.bulletin.transitions({ id: draft.id });
    expect(steps.map((s) => `${s.from ?? '∅'}→${s.to}`)).toEqual([
      '∅→draft',
      'draft→in_review',
      'in_review→approved',
      'approved→published',
    ]);
  });

  it('checks every role on the server', async ({ admin, press, reviewer, anonymous }) => {
    const draft = await press.bulletin.create(notice);
    const step = { id: draft.id, expectedVersion: draft.version };
    expect(await outcomeOf(reviewer.bulletin.create(notice))).toBe('FORBIDDEN');
    expect(await outcomeOf(admin.bulletin.create(notice))).toBe('FORBIDDEN');
    expect(await outcomeOf(anonymous.bulletin.create(notice))).toBe('UNAUTHORIZED');
    expect(await outcomeOf(reviewer.bulletin.submit(step))).toBe('FORBIDDEN');
    expect(await outcomeOf(anonymous.bulletin.all())).toBe('UNAUTHORIZED');
    const submitted = await press.bulletin.submit(step);
    const inReview = { id: draft.id, expectedVersion: submitted.version };
    expect(await outcomeOf(press.bulletin.approve(inReview))).toBe('FORBIDDEN');
    expect(await outcomeOf(admin.bulletin.approve(inReview))).toBe('FORBIDDEN');
    expect(await outcomeOf(press.bulletin.return({ ...inReview, comment: '请改' }))).toBe('FORBIDDEN');
    const ok = await reviewer.bulletin.approve(inReview);
    expect(await outcomeOf(admin.bulletin.publish({ id: draft.id, expectedVersion: ok.version }))).toBe('FORBIDDEN');
    expect(await outcomeOf(anonymous.bulletin.publish({ id: draft.id, expectedVersion: ok.version }))).toBe('UNAUTHORIZED');
    // Either the press officer or the reviewer publishes what has been approved.
    const published = await reviewer.bulletin.publish({ id: draft.id, expectedVersion: ok.version });
    expect(await outcomeOf(admin.bulletin.withdraw({ id: draft.id, expectedVersion: published.version, reason: '误发' }))).toBe(
      'FORBIDDEN',
    );
    expect((await admin.bulletin.get({ id: draft.id })).status).toBe('published');
  });

  it('names the field of invalid input', async ({ api, press }) => {
    const { body } = await api.postOverHttp('press_officer', 'bulletin.create', { ...notice, title: ' ', category: 'gossip' });
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['category', 'title']);
    const draft = await press.bulletin.create(notice);
    const submitted = await press.bulletin.submit({ id: draft.id, expectedVersion: draft.version });
    const back = await api.postOverHttp('reviewer', 'bulletin.return', { id: draft.id, expectedVersion: submitted.version, comment: '' });
    expect(Object.keys(back.body.error.data.fieldErrors)).toEqual(['comment']);
    const past = await api.postOverHttp('reviewer', 'bulletin.approve', {
      id: draft.id,
      expectedVersion: submitted.version,
      publishAt: new Date(api.clock.now.getTime() - 60_000).toISOString(),
    });
    expect(past.body.error.data.fieldErrors).toEqual({ publishAt: ['定时发布的时间须晚于现在；要立即发布请直接发布'] });
  });

  it('keeps showing the published text while a revision goes through review, and shows the reason once it is published', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    const published = await publishedBulletin(press, reviewer);
    const revised = {
      ...notice,
      id: published.id,
      expectedVersion: published.version,
      title: '关于在全市开展第三轮全员核酸检测的通告（更正）',
    };

    const { body } = await api.postOverHttp('press_officer', 'bulletin.update', revised);
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['changeReason']);

    const reason = '更正检测起始时间';
    const updated = await press.bulletin.update({ ...revised, changeReason: reason });
    expect(updated).toMatchObject({ status: 'draft', currentRevision: { number: 2 }, publishedRevision: { number: 1 }, revisionCount: 2 });
    expect((await anonymous.bulletin.byId({ id: published.id })).title).toBe(notice.title);
    // The new revision needs its own approval.
    expect(await outcomeOf(press.bulletin.publish({ id: published.id, expectedVersion: updated.version }))).toBe('BAD_REQUEST');

    api.clock.now = new Date(api.clock.now.getTime() + 60 * 60 * 1000);
    const submitted = await press.bulletin.submit({ id: published.id, expectedVersion: updated.version });
    const again = await reviewer.bulletin.approve({ id: published.id, expectedVersion: submitted.version });
    await press.bulletin.publish({ id: published.id, expectedVersion: again.version });
    const shown = await anonymous.bulletin.byId({ id: published.id });
    expect(shown.title).toBe(revised.title);
    expect(shown.updated).toEqual({ at: api.clock.now.toISOString(), reason });
    expect(shown.firstPublishedAt).toBe(published.firstPublishedAt);
    expect(shown.publications.map((p) => [p.revision, p.reason])).toEqual([
      [1, null],
      [2, reason],
    ]);

    const revisions = await reviewer.bulletin.revisions({ id: published.id });
    expect(revisions.map((r) => r.title)).toEqual([notice.title, revised.title]);
    const audit = await listAudit(api.db, { entityType: 'bulletin', entityId: published.id });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'bulletin.create',
      'bulletin.submit',
      'bulletin.approve',
      'bulletin.publish',
      'bulletin.revise',
      'bulletin.submit',
      'bulletin.approve',
      'bulletin.publish',
    ]);
    expect(audit[3]).toMatchObject({
      reason,
      before: { revision: { title: notice.title } },
      after: { revision: { title: revised.title } },
    });
  });

  it('refuses an edit made against a stale version', async ({ press }) => {
    const draft = await press.bulletin.create(notice);
    await press.bulletin.update({ ...notice, id: draft.id, expectedVersion: draft.version, bodyMd: '第二稿' });
    const error = await errorOf(press.bulletin.update({ ...notice, id: draft.id, expectedVersion: draft.version, bodyMd: '另一份第二稿' }));
    expect(error.code).toBe('CONFLICT');
    expect((await press.bulletin.get({ id: draft.id })).currentRevision.bodyMd).toBe('第二稿');
  });

  it('withdraws with a public reason; the bulletin stays public, saying so, and can no longer be edited', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    const published = await publishedBulletin(press, reviewer);
    const withdrawn = await reviewer.bulletin.withdraw({
      id: published.id,
      expectedVersion: published.version,
      reason: '检测安排调整，以新通告为准',
    });
    expect(api.publisher.reasons.at(-1)).toBe(`撤回公告：${notice.title}`);
    const shown = await anonymous.bulletin.byId({ id: published.id });
    expect(shown.withdrawn).toEqual({ at: api.clock.now.toISOString(), reason: '检测安排调整，以新通告为准', takenDown: false });

    const edit = await api.postOverHttp('press_officer', 'bulletin.update', {
      ...notice,
      id: published.id,
      expectedVersion: withdrawn.version,
      changeReason: '修改',
    });
    expect(edit.body.error.data.fieldErrors).toEqual({ id: ['已撤回的公告不能再编辑'] });
    expect(await outcomeOf(press.bulletin.publish({ id: published.id, expectedVersion: withdrawn.version }))).toBe('BAD_REQUEST');
  });

  it('tells the scheduler when a publication is scheduled, moved or cancelled', async ({ api, press, reviewer, anonymous }) => {
    const draft = await press.bulletin.create(notice);
    const submitted = await press.bulletin.submit({ id: draft.id, expectedVersion: draft.version });
    const publishAt = new Date(api.clock.now.getTime() + 30 * 60_000).toISOString();
    const scheduled = await reviewer.bulletin.approve({ id: draft.id, expectedVersion: submitted.version, publishAt });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: publishAt });
    expect(api.publisher.scheduleChanges).toBe(1);
    // The reviewer's time binds: the press officer cannot lift it, the reviewer can.
    const refused = await errorOf(press.bulletin.unschedule({ id: draft.id, expectedVersion: scheduled.version }));
    expect(refused.code).toBe('FORBIDDEN');
    const cancelled = await reviewer.bulletin.unschedule({ id: draft.id, expectedVersion: scheduled.version });
    expect(cancelled.status).toBe('approved');
    await press.bulletin.schedule({ id: draft.id, expectedVersion: cancelled.version, publishAt });
    expect(api.publisher.scheduleChanges).toBe(3);
    expect(api.publisher.reasons).toEqual([]);
    expect(await anonymous.bulletin.list()).toEqual([]);
  });

  it('stores a PDF attachment checked by its content; the public gets it once the revision is published', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    const draft = await press.bulletin.create(notice);
    const upload = (filename: string, bytes: Buffer) =>
      press.bulletin.upload({ bulletinId: draft.id, filename, contentBase64: bytes.toString('base64') });
    const pdf = await upload('通告原文.pdf', PDF);
    expect(pdf).toMatchObject({ filename: '通告原文.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
    const fake = await api.postOverHttp('press_officer', 'bulletin.upload', {
      bulletinId: draft.id,
      filename: 'photo.png',
      contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64'),
    });
    expect(Object.keys(fake.body.error.data.fieldErrors)).toEqual(['file']);

    const saved = await press.bulletin.update({ ...notice, id: draft.id, expectedVersion: draft.version, attachmentIds: [pdf.id] });
    expect(saved.currentRevision.attachments.map((a) => a.id)).toEqual([pdf.id]);
    expect(await outcomeOf(anonymous.bulletin.attachment({ id: pdf.id }))).toBe('NOT_FOUND');
    const submitted = await press.bulletin.submit({ id: draft.id, expectedVersion: saved.version });
    const ok = await reviewer.bulletin.approve({ id: draft.id, expectedVersion: submitted.version });
    await press.bulletin.publish({ id: draft.id, expectedVersion: ok.version });
    // The bytes go to the site's build, which writes them as a static file; no one reads them over the API.
    expect(await outcomeOf(anonymous.bulletin.attachment({ id: pdf.id }))).toBe('NOT_FOUND');
    const build = await api.as(null, { siteBuild: true });
    const file = await build.bulletin.attachment({ id: pdf.id });
    expect(Buffer.from(file.content).equals(PDF)).toBe(true);
    expect((await anonymous.bulletin.byId({ id: draft.id })).attachments).toEqual([pdf]);
  });
});
