import { describe, expect } from 'vitest';
import { ZodError } from 'zod';
import { listAudit } from '../audit/audit.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { later, publishedJan14, publishedReport } from '../test-support/db.ts';
import { deskTest } from '../test-support/desk.ts';
import { getForReview } from '../review/queue.ts';
import { listReports, ReconciliationError } from './report.ts';
import type { ReportInput } from './schema.ts';
import { approveReport, getStaffReport, resubmitReport, returnReport, submitReport } from './workflow.ts';
import { JAN15_NOON_REPORT, JAN15_REPORT, failure } from '../test-support/fixtures.ts';

const jan15: ReportInput = {
  ...JAN15_NOON_REPORT,
  source: '1月15日0—12时，全市新增确诊病例48例。',
};

/** 1月15日12—24时, following on from the 0—12时 report. */
const jan15Afternoon: ReportInput = {
  periodStart: '2021-01-15T12:00:00+08:00',
  periodEnd: '2021-01-16T00:00:00+08:00',
  newConfirmed: 20,
  newAsymptomatic: 5,
  cumulativeConfirmed: 599,
  cumulativeAsymptomatic: 218,
};

/** 1月14日's report, published that morning, before each test. */
const it = deskTest.extend('jan14', { auto: true }, ({ press, reviewer }) => publishedJan14(press, reviewer));

describe('report review', () => {
  it.override('times', { press: '2021-01-15T18:00:00+08:00', reviewer: '2021-01-15T19:00:00+08:00' });

  it('keeps a submitted report out of public view until a reviewer approves it', async ({ db, press, reviewer }) => {
    const submitted = await submitReport(press, jan15);
    expect(submitted).toMatchObject({ status: 'in_review', version: 1, publishedAt: null });
    expect(submitted.review).toMatchObject({
      status: 'in_review',
      submittedAt: '2021-01-15T10:00:00.000Z',
      submittedBy: { id: press.actor.id, name: '新闻发布员' },
      reviewedBy: null,
    });
    expect((await listReports(db)).map((r) => r.cumulativeConfirmed)).toEqual([531]);

    const approved = await approveReport(reviewer, { id: submitted.id, expectedVersion: 1 });
    expect(approved).toMatchObject({ status: 'published', version: 2, publishedAt: '2021-01-15T11:00:00.000Z' });
    expect(approved.review).toMatchObject({
      reviewedBy: { id: reviewer.actor.id, name: '审核员' },
      reviewedAt: '2021-01-15T11:00:00.000Z',
    });
    const row = await db
      .selectFrom('report')
      .select(['published_by', 'submitted_by'])
      .where('id', '=', submitted.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ published_by: reviewer.actor.id, submitted_by: press.actor.id });
    expect((await listReports(db)).map((r) => r.cumulativeConfirmed)).toEqual([579, 531]);

    const entries = await listAudit(db, { entityType: 'report', entityId: submitted.id });
    expect(entries.map((e) => [e.action, e.actorName, e.at])).toEqual([
      ['report.approve', '审核员', '2021-01-15T11:00:00.000Z'],
      ['report.submit', '新闻发布员', '2021-01-15T10:00:00.000Z'],
    ]);
    expect(entries[0]!.before).toMatchObject({ status: 'in_review', version: 1 });
    expect(entries[0]!.after).toMatchObject({ status: 'published', version: 2 });
  });

  it('refuses self-approval by user id, whatever role the person holds', async ({ db, press, reviewer }) => {
    const submitted = await submitReport(press, jan15);
    const samePersonAsReviewer: WriteContext = { ...press, actor: { ...press.actor, role: 'reviewer' } };
    const error = await failure(approveReport(samePersonAsReviewer, { id: submitted.id, expectedVersion: 1 }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).message).toBe('本人提交的内容需由其他审核人员批准');
    // Nobody can be told apart from the system actor, so it approves nothing either.
    expect(await failure(approveReport({ ...reviewer, actor: SYSTEM_ACTOR }, { id: submitted.id, expectedVersion: 1 }))).toBeInstanceOf(
      PermissionError,
    );
    expect(await failure(returnReport(samePersonAsReviewer, { id: submitted.id, expectedVersion: 1, comment: '自己退回' }))).toBeInstanceOf(
      PermissionError,
    );
    expect((await getStaffReport(db, submitted.id)).status).toBe('in_review');
  });

  it('returns a report with a required comment, which the press officer sees; the resubmission is a new version', async ({
    db,
    press,
    reviewer,
  }) => {
    const submitted = await submitReport(press, jan15);
    expect(await failure(returnReport(reviewer, { id: submitted.id, expectedVersion: 1, comment: '  ' }))).toBeInstanceOf(ZodError);

    const returned = await returnReport(reviewer, { id: submitted.id, expectedVersion: 1, comment: '新增无症状应为11例，请核实' });
    expect(returned).toMatchObject({ status: 'returned', version: 2 });
    expect(returned.review).toMatchObject({
      status: 'returned',
      reviewComment: '新增无症状应为11例，请核实',
      reviewedBy: { name: '审核员' },
    });
    expect(await listReports(db)).toHaveLength(1);

    // A returned report is not approved as it stands, nor returned twice.
    const approveReturned = await failure(approveReport(reviewer, { id: submitted.id, expectedVersion: 2 }));
    expect(approveReturned).toBeInstanceOf(InputError);
    expect((approveReturned as InputError).message).toMatch(/已退回/);
    expect(await failure(returnReport(reviewer, { id: submitted.id, expectedVersion: 2, comment: '再退' }))).toBeInstanceOf(InputError);

    // The press officer edits from the version they saw; a stale one is refused.
    const edited = { ...jan15, newAsymptomatic: 11, cumulativeAsymptomatic: 214 };
    expect(await failure(resubmitReport(press, { ...edited, id: submitted.id, expectedVersion: 1 }))).toBeInstanceOf(ConflictError);
    const resubmitted = await resubmitReport(later(press, '2021-01-15T18:40:00+08:00'), {
      ...edited,
      id: submitted.id,
      expectedVersion: 2,
    });
    expect(resubmitted).toMatchObject({ status: 'in_review', version: 3, newAsymptomatic: 11, cumulativeAsymptomatic: 214 });
    expect(resubmitted.review).toMatchObject({ submittedAt: '2021-01-15T10:40:00.000Z', reviewComment: '新增无症状应为11例，请核实' });

    const approved = await approveReport(reviewer, { id: submitted.id, expectedVersion: 3 });
    expect(approved).toMatchObject({ status: 'published', version: 4, newAsymptomatic: 11 });
    expect(approved.review.reviewComment).toBeNull();

    const entries = await listAudit(db, { entityType: 'report', entityId: submitted.id });
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ['report.approve', null],
      ['report.resubmit', null],
      ['report.return', '新增无症状应为11例，请核实'],
      ['report.submit', null],
    ]);
    expect(entries[1]!.before).toMatchObject({ newAsymptomatic: 10, version: 2 });
    expect(entries[1]!.after).toMatchObject({ newAsymptomatic: 11, version: 3 });
  });

  it('refuses to resubmit a published or a waiting report, and to act on a stale version', async ({ press, reviewer }) => {
    const published = await publishedReport(press, reviewer, jan15);
    const resubmitPublished = await failure(resubmitReport(press, { ...jan15, id: published.id, expectedVersion: published.version }));
    expect(resubmitPublished).toBeInstanceOf(InputError);
    expect((resubmitPublished as InputError).message).toMatch(/已发布的内容不能重新提交/);

    const next = await submitReport(press, jan15Afternoon);
    expect(await failure(resubmitReport(press, { ...jan15, id: next.id, expectedVersion: 1 }))).toBeInstanceOf(InputError);
    expect(await failure(approveReport(reviewer, { id: next.id, expectedVersion: 7 }))).toBeInstanceOf(ConflictError);
    expect(await failure(returnReport(reviewer, { id: next.id, expectedVersion: 7, comment: '意见' }))).toBeInstanceOf(ConflictError);
  });

  describe('the full-day bulletin after the part-day figures of the same day (1月15日0—24时 after 0—12时)', () => {
    it('is two views of one day: no justification asked, the overlap shown to the reviewer, approved by another person', async ({
      db,
      press,
      reviewer,
    }) => {
      await publishedReport(press, reviewer, jan15);
      // The cumulative counts follow on from 1月14日 (531 + 90), not from the half day.
      const submitted = await submitReport(press, JAN15_REPORT);
      expect(submitted).toMatchObject({ status: 'in_review', reconciliationNote: null, submittedIssues: [] });

      const detail = await getForReview(db, 'report', submitted.id);
      if (detail.type !== 'report') throw new Error('not a report');
      expect(detail.previous?.cumulativeConfirmed).toBe(531);
      expect(detail.issues.map((i) => [i.severity, i.message])).toEqual([
        [
          'info',
          '统计时段与已发布的通报重叠：本期1月15日0—24时包含已发布的1月15日0—12时通报的时段；每日新增按本期计，不再计入1月15日0—12时的新增',
        ],
      ]);
      expect(detail.unanswered).toEqual([]);

      const samePerson: WriteContext = { ...press, actor: { ...press.actor, role: 'reviewer' } };
      expect(await failure(approveReport(samePerson, { id: submitted.id, expectedVersion: 1 }))).toBeInstanceOf(PermissionError);
      const approved = await approveReport(reviewer, { id: submitted.id, expectedVersion: 1 });
      expect(approved).toMatchObject({ status: 'published', cumulativeConfirmed: 621 });
    });

    it('still asks for a justification when the periods overlap otherwise (the same period twice)', async ({ press, reviewer }) => {
      const morning = await publishedReport(press, reviewer, jan15);
      const refused = await failure(submitReport(press, { ...jan15, newConfirmed: 47, cumulativeConfirmed: 578 }));
      expect(refused).toBeInstanceOf(ReconciliationError);
      expect((refused as ReconciliationError).issues.map((i) => [i.kind, i.overlaps?.id])).toEqual([['overlap', morning.id]]);
    });
  });

  describe('reconciliation is checked again at approval, against the reports published by then', () => {
    it('refuses a report whose period a report approved in between now overlaps', async ({ db, press, reviewer }) => {
      const first = await submitReport(press, jan15);
      const second = await submitReport(press, { ...jan15, newConfirmed: 47, cumulativeConfirmed: 578 });
      await approveReport(reviewer, { id: second.id, expectedVersion: 1 });
      const error = await failure(approveReport(reviewer, { id: first.id, expectedVersion: 1 }));
      expect(error).toBeInstanceOf(ReconciliationError);
      expect((error as ReconciliationError).message).toMatch(/重叠/);
      expect((error as ReconciliationError).issues.map((i) => [i.kind, i.overlaps?.id])).toEqual([['overlap', second.id]]);
      expect((await getStaffReport(db, first.id)).status).toBe('in_review');
    });

    it('refuses a full day once a report published in between overlaps it other than nested', async ({ press, reviewer }) => {
      await publishedReport(press, reviewer, jan15);
      const fullDay = await submitReport(press, JAN15_REPORT);
      // 1月15日12时—1月16日12时 runs into the next day: not a part of 1月15日.
      const straddling = await publishedReport(press, reviewer, {
        ...JAN15_REPORT,
        periodStart: '2021-01-15T12:00:00+08:00',
        periodEnd: '2021-01-16T12:00:00+08:00',
        newConfirmed: 42,
        newAsymptomatic: 5,
        reconciliationNote: '跨日时段',
      });
      const error = await failure(approveReport(reviewer, { id: fullDay.id, expectedVersion: 1 }));
      expect(error).toBeInstanceOf(ReconciliationError);
      expect((error as ReconciliationError).issues.map((i) => [i.kind, i.overlaps?.id])).toEqual([['overlap', straddling.id]]);
    });

    it('refuses a mismatch the justification did not answer, once the previous report has changed', async ({ press, reviewer }) => {
      // Submitted while 1月14日 was the latest: the gap is explained, the totals follow on from 531.
      const afternoon = await submitReport(press, {
        ...jan15Afternoon,
        cumulativeConfirmed: 551,
        cumulativeAsymptomatic: 208,
        reconciliationNote: '0—12时数据另行通报',
      });
      expect(afternoon.submittedIssues.map((i) => i.kind)).toEqual(['gap']);
      // The 0—12时 report is approved first: the afternoon totals no longer follow on.
      await publishedReport(press, reviewer, jan15);
      const error = await failure(approveReport(reviewer, { id: afternoon.id, expectedVersion: 1 }));
      expect(error).toBeInstanceOf(ReconciliationError);
      expect((error as ReconciliationError).issues.map((i) => [i.field, i.expected])).toEqual([
        ['cumulativeConfirmed', 599],
        ['cumulativeAsymptomatic', 218],
      ]);
      // Returned, corrected and resubmitted, it goes through.
      await returnReport(reviewer, { id: afternoon.id, expectedVersion: 1, comment: '0—12时通报已发布，请按579重新核对累计数' });
      const fixed = await resubmitReport(press, { ...jan15Afternoon, id: afternoon.id, expectedVersion: 2 });
      expect(fixed.reconciliationNote).toBeNull();
      expect((await approveReport(reviewer, { id: afternoon.id, expectedVersion: 3 })).status).toBe('published');
    });

    it('approves a mismatch the justification answered when nothing has changed since', async ({ press, reviewer }) => {
      const noted = await submitReport(press, { ...jan15, cumulativeConfirmed: 580, reconciliationNote: '1例此前漏报病例补报' });
      const approved = await approveReport(reviewer, { id: noted.id, expectedVersion: 1 });
      expect(approved).toMatchObject({ status: 'published', reconciliationNote: '1例此前漏报病例补报' });
    });
  });
});
