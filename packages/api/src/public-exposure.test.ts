// Nothing unreviewed reaches the public: an unpublished item of every reviewed kind is seeded, and
// every public procedure of the router — found by calling each one anonymously, so a procedure
// added later is covered without being listed here — is called with every id and number there is.
// None of the unpublished items' ids or values may appear in any answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { createZone, testApi, type Caller, type TestApi } from './test-support.ts';
import { JAN14_REPORT, reportCorrection, VILLAGE_ZONE } from '@epi/core/test-support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const notice = (title: string) => ({
  title,
  issuer: '石家庄市应对新冠肺炎疫情工作领导小组办公室',
  issuedOn: '2021-01-15',
  category: 'notice' as const,
  bodyMd: `${title}的正文。`,
});

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const [group, name] = path.split('.') as [string, string];
  return (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[group]![name]!(input);
}

describe('public procedures', () => {
  let api: TestApi;
  let anonymous: Caller;
  /** What must never be seen publicly: ids, titles and figures of unpublished items. */
  const hidden: Record<string, string> = {};
  /** What must be seen: the published items, so the search cannot pass by reading nothing. */
  const shown: Record<string, string> = {};
  const ids: string[] = [];

  beforeAll(async () => {
    api = await testApi();
    const press = await api.as('press_officer');
    const reviewer = await api.as('reviewer');
    // The widest public reader: the site's build, which also reads the attachments it writes as files.
    anonymous = await api.as(null, { siteBuild: true });

    // Published: one report, one round, one snapshot, one bulletin.
    const published = await press.report.submit(JAN14_REPORT);
    const report = await reviewer.report.approve({ id: published.id, expectedVersion: published.version });
    shown.report = report.id;
    const round = await press.testingRound.submit({ number: 1, peopleTested: 1_000_001, positives: 5 });
    shown.round = (await reviewer.testingRound.approve({ id: round.id, expectedVersion: round.version })).id;
    const snapshot = await press.isolation.submitSnapshot({ asOf: '2021-01-14T12:00:00+08:00', sites: 300, rooms: 20_000, people: 19_000 });
    shown.snapshot = (await reviewer.isolation.approveSnapshot({ id: snapshot.id, expectedVersion: snapshot.version })).id;
    const created = await press.bulletin.create(notice('已发布的通告'));
    const pdf = await press.bulletin.upload({ bulletinId: created.id, filename: '通告原文.pdf', contentBase64: PDF.toString('base64') });
    const draft = await press.bulletin.update({
      ...notice('已发布的通告'),
      id: created.id,
      expectedVersion: created.version,
      attachmentIds: [pdf.id],
    });
    shown.attachment = pdf.id;
    const submitted = await press.bulletin.submit({ id: draft.id, expectedVersion: draft.version });
    const approved = await reviewer.bulletin.approve({ id: submitted.id, expectedVersion: submitted.version });
    const live = await press.bulletin.publish({ id: approved.id, expectedVersion: approved.version });
    shown.bulletin = live.id;
    // A zone, approved; and a change of zones still waiting for review.
    const admin = await api.as('admin');
    const zone = await createZone(admin, reviewer, { ...VILLAGE_ZONE, address: '藁城区增村镇小果庄村' }, '补录');
    shown.zone = zone.id;
    await admin.zone.submitChange({
      operations: [{ op: 'create', input: { ...VILLAGE_ZONE, name: '待审核的管控区域', address: '待审核的管控区域地址' } }],
      reason: '补录',
    });
    hidden.zoneInReview = '待审核的管控区域';
    // A conference links published items only; the public sees them through it.
    const conference = await press.pressConference.publish({
      level: 'municipal',
      issuer: '石家庄市人民政府新闻办公室',
      number: 1,
      heldOn: '2021-01-15',
      title: '第1场新闻发布会',
      summary: '通报最新情况。',
      links: [
        { entityType: 'report', entityId: report.id },
        { entityType: 'bulletin', entityId: live.id },
      ],
    });
    shown.conference = conference.id;
    // …whose next revision, with an attachment, is only a draft.
    const attachment = await press.bulletin.upload({
      bulletinId: live.id,
      filename: '未审核附件.pdf',
      contentBase64: PDF.toString('base64'),
    });
    await press.bulletin.update({
      ...notice('已发布通告的未审核修订'),
      id: live.id,
      expectedVersion: live.version,
      changeReason: '补充',
      attachmentIds: [pdf.id, attachment.id],
    });
    hidden.revisionTitle = '已发布通告的未审核修订';
    hidden.attachment = attachment.id;

    // Unpublished, one of every reviewed kind and state.
    const inReview = await press.report.submit({
      ...JAN14_REPORT,
      periodStart: '2021-01-15T00:00:00+08:00',
      periodEnd: '2021-01-16T00:00:00+08:00',
      newConfirmed: 4_321,
      cumulativeConfirmed: 4_852,
      cumulativeAsymptomatic: 203,
      newAsymptomatic: 0,
      reconciliationNote: '待审核通报的说明',
    });
    hidden.reportInReview = inReview.id;
    hidden.reportNote = '待审核通报的说明';
    const returnedRound = await press.testingRound.submit({ number: 77, peopleTested: 7_777_777, positives: 7 });
    await reviewer.testingRound.return({ id: returnedRound.id, expectedVersion: returnedRound.version, comment: '退回的轮次' });
    hidden.returnedRound = returnedRound.id;
    hidden.returnedRoundFigure = '7777777';
    const pendingSnapshot = await press.isolation.submitSnapshot({
      asOf: '2021-01-15T12:00:00+08:00',
      sites: 434,
      rooms: 27_831,
      people: 31_415,
    });
    hidden.snapshotInReview = pendingSnapshot.id;
    hidden.snapshotFigure = '31415';
    const bulletinDraft = await press.bulletin.create(notice('未提交的草稿公告'));
    hidden.bulletinDraft = bulletinDraft.id;
    hidden.bulletinDraftTitle = '未提交的草稿公告';
    const bulletinInReview = await press.bulletin.create(notice('待审核的公告'));
    await press.bulletin.submit({ id: bulletinInReview.id, expectedVersion: bulletinInReview.version });
    hidden.bulletinInReview = bulletinInReview.id;
    hidden.bulletinInReviewTitle = '待审核的公告';
    const waiting = await press.bulletin.create(notice('已批准未发布的公告'));
    const waitingSubmitted = await press.bulletin.submit({ id: waiting.id, expectedVersion: waiting.version });
    await reviewer.bulletin.approve({ id: waiting.id, expectedVersion: waitingSubmitted.version });
    hidden.bulletinApproved = waiting.id;
    hidden.bulletinApprovedTitle = '已批准未发布的公告';
    const embargoed = await press.bulletin.create(notice('定时发布前的公告'));
    const embargoedSubmitted = await press.bulletin.submit({ id: embargoed.id, expectedVersion: embargoed.version });
    await reviewer.bulletin.approve({
      id: embargoed.id,
      expectedVersion: embargoedSubmitted.version,
      publishAt: '2021-01-16T10:00:00+08:00',
    });
    hidden.bulletinScheduled = embargoed.id;
    hidden.bulletinScheduledTitle = '定时发布前的公告';
    const correction = await press.report.correct(reportCorrection(report, { newDeaths: 65_432 }, '待审核的更正原因'));
    hidden.correction = correction.request.id;
    hidden.correctionValue = '65432';
    hidden.correctionReason = '待审核的更正原因';
    ids.push(
      ...Object.values(shown),
      ...Object.entries(hidden)
        .filter(([k]) => !/Title|Note|Figure|Value|Reason/.test(k))
        .map(([, v]) => v),
    );
  });

  it('finds every public procedure, and answers none of them with anything unpublished', async () => {
    const paths = Object.keys(appRouter._def.procedures);
    const inputs: unknown[] = [undefined, {}, { number: 1 }, { number: 77 }, { slug: 'city-1' }, ...ids.map((id) => ({ id }))];
    const answers: Record<string, unknown[]> = {};
    for (const path of paths) {
      for (const input of inputs) {
        try {
          (answers[path] ??= []).push(await call(anonymous, path, input));
        } catch (error) {
          // Refused or not found: nothing was given away. A guarded procedure refuses an anonymous
          // caller whatever the input: it is not public.
          if ((error as { code?: string }).code === 'UNAUTHORIZED' && path !== 'auth.signIn') {
            delete answers[path];
            break;
          }
        }
      }
    }
    const publicPaths = Object.keys(answers).sort();
    // The procedures found public are the ones the site reads; each answered at least once.
    expect(publicPaths).toEqual(
      expect.arrayContaining(['report.list', 'report.byId', 'testingRound.list', 'isolation.snapshots', 'bulletin.list', 'bulletin.byId']),
    );
    for (const path of publicPaths.filter((p) => p !== 'auth.signIn')) expect(answers[path], path).not.toHaveLength(0);

    const text = JSON.stringify(answers, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
    );
    for (const [what, value] of Object.entries(shown)) expect(text, what).toContain(value);
    const leaked = Object.entries(hidden).filter(([, value]) => text.includes(value));
    expect(leaked).toEqual([]);
  });
});
