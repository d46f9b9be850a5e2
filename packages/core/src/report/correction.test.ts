import { describe, expect } from 'vitest';
import { ZodError } from 'zod';
import { listAudit } from '../audit/audit.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { reportCorrection } from '../test-support/corrections.ts';
import { publishedJan14, publishedReport } from '../test-support/db.ts';
import { deskTest } from '../test-support/desk.ts';
import { JAN15_NOON_REPORT, JAN15_REPORT, JAN16_REPORT, failure } from '../test-support/fixtures.ts';
import { approveCorrection, listCorrectionRequests, listReportCorrections, prepareCorrection, returnCorrection } from './correction.ts';
import { getReport, listReports, ReconciliationError, type Report } from './report.ts';
import { approveReport, submitReport } from './workflow.ts';

/** 1月14日's report, published before each test: the day before the desk prepares and approves corrections. */
const it = deskTest.extend('report', { auto: true }, ({ press, reviewer }) => publishedJan14(press, reviewer));

describe('corrections of published reports', () => {
  it.override('times', { press: '2021-01-16T09:00:00+08:00', reviewer: '2021-01-16T10:00:00+08:00' });

  it('changes nothing until a different reviewer approves; then records old value, new value, reason and both people', async ({
    db,
    press,
    reviewer,
    report,
  }) => {
    const { request } = await prepareCorrection(
      press,
      reportCorrection(report, { newAsymptomatic: 21, newDischarged: 3 }, '1例无症状感染者漏报，经复核补正'),
    );
    expect(request).toMatchObject({
      status: 'in_review',
      entityType: 'report',
      entityId: report.id,
      entityVersion: report.version,
      changes: [
        { field: 'newAsymptomatic', label: '新增无症状', oldValue: 20, newValue: 21 },
        { field: 'newDischarged', label: '新增出院', oldValue: null, newValue: 3 },
      ],
      preparedBy: { id: press.actor.id, name: '新闻发布员' },
    });
    expect(await getReport(db, report.id)).toMatchObject({ newAsymptomatic: 20, version: report.version, corrections: [] });

    // The one who prepared it cannot approve it, even holding the reviewer role.
    const self = await failure(
      approveCorrection({ ...press, actor: { ...press.actor, role: 'reviewer' } }, { id: request.id, expectedVersion: 1 }),
    );
    expect(self).toBeInstanceOf(PermissionError);

    const result = await approveCorrection(reviewer, { id: request.id, expectedVersion: 1 });
    expect(result.entityType).toBe('report');
    expect(result.entity).toMatchObject({ newAsymptomatic: 21, newDischarged: 3, version: report.version + 1 });
    expect(result.entity.corrections).toEqual([
      {
        field: 'newAsymptomatic',
        label: '新增无症状',
        oldValue: 20,
        newValue: 21,
        reason: '1例无症状感染者漏报，经复核补正',
        correctedAt: '2021-01-16T02:00:00.000Z',
      },
      {
        field: 'newDischarged',
        label: '新增出院',
        oldValue: null,
        newValue: 3,
        reason: '1例无症状感染者漏报，经复核补正',
        correctedAt: '2021-01-16T02:00:00.000Z',
      },
    ]);
    expect(result.request).toMatchObject({ status: 'applied', reviewedBy: { name: '审核员' } });
    // The public list carries the corrections with the report.
    const [listed] = await listReports(db);
    expect(listed!.corrections).toHaveLength(2);
    expect((await listReportCorrections(db)).map((c) => [c.label, c.oldValue, c.newValue])).toEqual([
      ['新增无症状', 20, 21],
      ['新增出院', null, 3],
    ]);
    const rows = await db.selectFrom('correction').select(['corrected_by', 'prepared_by', 'request_id']).execute();
    expect(rows).toEqual([
      { corrected_by: reviewer.actor.id, prepared_by: press.actor.id, request_id: request.id },
      { corrected_by: reviewer.actor.id, prepared_by: press.actor.id, request_id: request.id },
    ]);

    const entries = await listAudit(db, { entityType: 'report', entityId: report.id, limit: 2 });
    expect(entries.map((e) => [e.action, e.actorName, e.reason])).toEqual([
      ['report.correct', '审核员', '1例无症状感染者漏报，经复核补正'],
      ['report.correction_submit', '新闻发布员', '1例无症状感染者漏报，经复核补正'],
    ]);
    expect(entries[0]!.before).toMatchObject({ newAsymptomatic: 20 });
    expect(entries[0]!.after).toMatchObject({ newAsymptomatic: 21 });
  });

  it('refuses a correction without a reason, without a change, or repeating the current value', async ({ db, press, report }) => {
    const noReason = await failure(prepareCorrection(press, reportCorrection(report, { newConfirmed: 91 }, ' ')));
    expect(noReason).toBeInstanceOf(ZodError);
    expect((noReason as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(await failure(prepareCorrection(press, reportCorrection(report, {}, '原因')))).toBeInstanceOf(ZodError);
    const same = await failure(prepareCorrection(press, reportCorrection(report, { newConfirmed: 90 }, '原因')));
    expect(same).toBeInstanceOf(InputError);
    expect((same as InputError).field).toBe('changes.0.newValue');
    expect(await listCorrectionRequests(db)).toEqual([]);
    // A report keeps at least one figure.
    const nothing = await failure(
      prepareCorrection(
        press,
        reportCorrection(
          report,
          { newConfirmed: null, newAsymptomatic: null, cumulativeConfirmed: null, cumulativeAsymptomatic: null },
          '全部未公布',
        ),
      ),
    );
    expect(nothing).toMatchObject({ message: '更正后通报至少保留一项数字' });
    // A figure the source never stated is corrected to "not stated", not to 0.
    const unstated = await prepareCorrection(press, reportCorrection(report, { newAsymptomatic: null }, '原文未公布新增无症状'));
    expect(unstated.request.changes).toEqual([expect.objectContaining({ field: 'newAsymptomatic', newValue: null })]);
  });

  it('refuses to correct a report that is not published: it is changed in review instead', async ({ press }) => {
    const waiting = await submitReport(press, JAN15_NOON_REPORT);
    const error = await failure(prepareCorrection(press, reportCorrection(waiting, { newConfirmed: 47 }, '笔误')));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('reportId');
  });

  it('refuses a correction prepared against an old version, and one approved after the report moved on', async ({
    db,
    press,
    reviewer,
    report,
  }) => {
    const stale = await failure(
      prepareCorrection(press, {
        ...reportCorrection(report, { newDeaths: 0 }, '补充'),
        expectedVersion: report.version - 1,
      }),
    );
    expect(stale).toBeInstanceOf(ConflictError);

    const { request } = await prepareCorrection(press, reportCorrection(report, { newDeaths: 0 }, '补充死亡病例数'));
    // A second correction while one waits would race it.
    const second = await failure(prepareCorrection(press, reportCorrection(report, { newDischarged: 1 }, '补充')));
    expect(second).toBeInstanceOf(InputError);
    // Someone changes the report underneath (as another approved correction would).
    await db
      .updateTable('report')
      .set({ version: report.version + 1 })
      .where('id', '=', report.id)
      .execute();
    expect(await failure(approveCorrection(reviewer, { id: request.id, expectedVersion: 1 }))).toBeInstanceOf(ConflictError);
    expect(await failure(approveCorrection(reviewer, { id: request.id, expectedVersion: 9 }))).toBeInstanceOf(ConflictError);
  });

  it('a returned correction is closed with the comment and changes nothing', async ({ db, press, reviewer, report }) => {
    const { request } = await prepareCorrection(press, reportCorrection(report, { newConfirmed: 91 }, '补报'));
    expect(await failure(returnCorrection(reviewer, { id: request.id, expectedVersion: 1, comment: '' }))).toBeInstanceOf(ZodError);
    const returned = await returnCorrection(reviewer, { id: request.id, expectedVersion: 1, comment: '卫健委口径仍为90例' });
    expect(returned).toMatchObject({ status: 'returned', reviewComment: '卫健委口径仍为90例' });
    expect(await failure(approveCorrection(reviewer, { id: request.id, expectedVersion: 2 }))).toBeInstanceOf(InputError);
    expect(await getReport(db, report.id)).toMatchObject({ newConfirmed: 90, corrections: [] });
    const [entry] = await listAudit(db, { entityType: 'report', entityId: report.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'report.correction_return', reason: '卫健委口径仍为90例' });
  });

  it('warns, without blocking, when a corrected total breaks the next report’s reconciliation', async ({ press, reviewer, report }) => {
    const next = await publishedReport(press, reviewer, JAN15_NOON_REPORT);
    const {
      request,
      nextReport,
      warnings: preview,
    } = await prepareCorrection(press, reportCorrection(report, { cumulativeConfirmed: 532 }, '1例病例订正归属日期'));
    expect(nextReport?.id).toBe(next.id);
    expect(preview.map((w) => [w.field, w.expected, w.actual])).toEqual([['cumulativeConfirmed', 580, 579]]);
    const result = await approveCorrection(reviewer, { id: request.id, expectedVersion: 1 });
    expect((result.entity as Report).cumulativeConfirmed).toBe(532);
    expect(result.warnings.map((w) => w.message)).toEqual(['累计确诊应为 532 + 48 = 580，填写的是 579']);
  });

  it('warns about the report that adds to the corrected one: after 0—12时 and the full day 0—24时, the next day adds to the full day', async ({
    press,
    reviewer,
  }) => {
    const half = await publishedReport(press, reviewer, JAN15_NOON_REPORT);
    const day = await publishedReport(press, reviewer, { ...JAN15_REPORT, reconciliationNote: '全天通报包含已发布的0—12时数据' });
    const jan16 = await publishedReport(press, reviewer, JAN16_REPORT);
    const ofHalf = await prepareCorrection(press, reportCorrection(half, { cumulativeConfirmed: 580 }, '订正'));
    expect([ofHalf.nextReport, ofHalf.warnings]).toEqual([null, []]);
    const ofDay = await prepareCorrection(press, reportCorrection(day, { cumulativeConfirmed: 622 }, '订正'));
    expect(ofDay.nextReport?.id).toBe(jan16.id);
    expect(ofDay.warnings.map((w) => [w.field, w.expected, w.actual])).toEqual([['cumulativeConfirmed', 642, 641]]);
  });

  it('a corrected total is what a report waiting for review is checked against at approval', async ({ press, reviewer, report }) => {
    const waiting = await submitReport(press, JAN15_NOON_REPORT);
    const { request } = await prepareCorrection(press, reportCorrection(report, { cumulativeConfirmed: 532 }, '订正'));
    await approveCorrection(reviewer, { id: request.id, expectedVersion: 1 });
    const error = await failure(approveReport(reviewer, { id: waiting.id, expectedVersion: 1 }));
    expect(error).toBeInstanceOf(ReconciliationError);
    expect((error as ReconciliationError).issues.map((i) => i.expected)).toEqual([580]);
  });
});
