import { formatPeriod, listAudit } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { errorOf, outcomeOf, routerTest } from '../test-support.ts';
import { JAN14_REPORT, JAN15_NOON_REPORT, JAN15_REPORT, reportCorrection } from '@epi/core/test-support';

// 1月14日0—24时, then the figures of the 11th press conference, 1月15日0—12时.
const jan15 = {
  ...JAN15_NOON_REPORT,
  districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 8 }],
};

/** 1月14日's report, published before each test; the release it asked for is forgotten. */
const it = routerTest.extend('first', { auto: true }, async ({ api, press, reviewer }) => {
  const submitted = await press.report.submit(JAN14_REPORT);
  const first = await reviewer.report.approve({ id: submitted.id, expectedVersion: submitted.version });
  api.publisher.reasons.length = 0;
  return first;
});

describe('report router', () => {
  it('publishes figures that reconcile once a reviewer approves them', async ({ api, press, reviewer, anonymous }) => {
    // Only 藁城区 is listed: the shortfall against the city total is a note, and needs no justification.
    expect((await press.report.check(jan15)).map((i) => [i.field, i.severity])).toEqual([
      ['districts', 'info'],
      ['districts', 'info'],
    ]);
    const submitted = await press.report.submit(jan15);
    expect(submitted).toMatchObject({ status: 'in_review', reconciliationNote: null, cumulativeConfirmed: 579 });
    expect(api.publisher.reasons).toEqual([]);
    expect((await anonymous.report.list()).map((r) => r.cumulativeConfirmed)).toEqual([531]);
    // A report in review is not found publicly, as if it did not exist.
    expect(await outcomeOf(anonymous.report.byId({ id: submitted.id }))).toBe('NOT_FOUND');

    const report = await reviewer.report.approve({ id: submitted.id, expectedVersion: submitted.version });
    expect(formatPeriod(report.periodStart, report.periodEnd)).toBe('1月15日0—12时');
    expect(report).toMatchObject({ status: 'published', reconciliationNote: null, cumulativeConfirmed: 579 });
    expect(report.districts).toEqual([
      {
        districtCode: '130109',
        districtName: '藁城区',
        newConfirmed: 40,
        newAsymptomatic: 8,
        cumulativeConfirmed: null,
        cumulativeAsymptomatic: null,
      },
    ]);
    expect(api.publisher.reasons).toEqual(['发布疫情通报']);

    expect((await anonymous.report.latest())?.id).toBe(report.id);
    expect((await anonymous.report.list()).map((r) => r.cumulativeConfirmed)).toEqual([579, 531]);
    const entries = await listAudit(api.db, { entityType: 'report', entityId: report.id });
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['report.approve', '审核员'],
      ['report.submit', '新闻发布员'],
    ]);
  });

  it('refuses figures that do not reconcile until a note explains them', async ({ api, press }) => {
    const mismatched = { ...jan15, cumulativeConfirmed: 580 };
    const { status, body } = await api.postOverHttp('press_officer', 'report.submit', mismatched);
    expect(status).toBe(400);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['reconciliationNote']);
    expect(body.error.data.reconciliation).toEqual([
      {
        field: 'cumulativeConfirmed',
        kind: 'cumulative',
        message: '累计确诊应为 531 + 48 = 579，填写的是 580',
        expected: 579,
        actual: 580,
      },
    ]);
    expect(await press.report.all()).toHaveLength(1);

    const note = '1例此前漏报病例补报，计入累计';
    const report = await press.report.submit({ ...mismatched, reconciliationNote: note });
    expect(report.reconciliationNote).toBe(note);
    const [entry] = await listAudit(api.db, { entityType: 'report', entityId: report.id });
    expect(entry!.reason).toBe(note);
  });

  it('takes the full-day bulletin after the part-day figures of the same day without a justification; another overlap needs one', async ({
    api,
    press,
    reviewer,
  }) => {
    // 1月15日0—12时 is published, then the full day 1月15日0—24时, whose period contains it.
    const half = await press.report.submit(jan15);
    const morning = await reviewer.report.approve({ id: half.id, expectedVersion: half.version });
    const fullDay = JAN15_REPORT;
    const overlap = {
      field: 'periodStart',
      kind: 'overlap',
      severity: 'info',
      message:
        '统计时段与已发布的通报重叠：本期1月15日0—24时包含已发布的1月15日0—12时通报的时段；每日新增按本期计，不再计入1月15日0—12时的新增',
      overlaps: { id: morning.id, periodStart: morning.periodStart, periodEnd: morning.periodEnd },
    };
    // The cumulative counts follow on from 1月14日 (531 + 90): the overlap, shown, is the only issue.
    expect(await press.report.check(fullDay)).toEqual([overlap]);

    // The same half day twice is not the pattern: it needs a justification.
    const { status, body } = await api.postOverHttp('press_officer', 'report.submit', {
      ...jan15,
      newConfirmed: 47,
      cumulativeConfirmed: 578,
    });
    expect(status).toBe(400);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['reconciliationNote']);
    expect(body.error.data.reconciliation!.map((i: { kind: string; severity?: string }) => [i.kind, i.severity])).toEqual([
      ['overlap', undefined],
    ]);
    expect(await press.report.all()).toHaveLength(2);

    const submitted = await press.report.submit(fullDay);
    expect(submitted).toMatchObject({ status: 'in_review', reconciliationNote: null, submittedIssues: [] });
    const detail = await reviewer.review.forReview({ type: 'report', id: submitted.id });
    expect(detail).toMatchObject({ issues: [overlap], unanswered: [] });
    // Not by the press officer who submitted it.
    expect((await errorOf(press.report.approve({ id: submitted.id, expectedVersion: 1 }))).code).toBe('FORBIDDEN');
    const approved = await reviewer.report.approve({ id: submitted.id, expectedVersion: 1 });
    expect(approved).toMatchObject({ status: 'published', cumulativeConfirmed: 621 });
  });

  it('refuses a period that ends before it starts, naming periodEnd', async ({ api }) => {
    const { status, body } = await api.postOverHttp('press_officer', 'report.submit', {
      ...jan15,
      periodEnd: '2021-01-14T23:00:00+08:00',
    });
    expect(status).toBe(400);
    expect(body.error.data.fieldErrors).toEqual({ periodEnd: ['统计截止时间必须晚于开始时间'] });
    expect(body.error.message).toBe('periodEnd：统计截止时间必须晚于开始时间');
  });

  it('names the row of an unknown district', async ({ api }) => {
    const { body } = await api.postOverHttp('press_officer', 'report.submit', {
      ...jan15,
      districts: [...jan15.districts, { districtCode: '139999', newConfirmed: 1, newAsymptomatic: 0 }],
    });
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('139999');
    expect(body.error.data.fieldErrors).toEqual({ 'districts.1.districtCode': ['未知的区划代码 139999'] });
  });

  it('refuses a count that cannot be right, naming the field', async ({ api }) => {
    const { body } = await api.postOverHttp('press_officer', 'report.submit', { ...jan15, newAsymptomatic: -1, newConfirmed: 4.5 });
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['newAsymptomatic', 'newConfirmed']);
  });

  it('returns a report with a comment the press officer sees in the queue; the resubmission is approved', async ({
    api,
    press,
    reviewer,
    first,
  }) => {
    const submitted = await press.report.submit(jan15);
    const { body } = await api.postOverHttp('reviewer', 'report.return', { id: submitted.id, expectedVersion: 1, comment: '' });
    expect(body.error.data.fieldErrors).toEqual({ comment: ['必填'] });
    await reviewer.report.return({ id: submitted.id, expectedVersion: 1, comment: '请附通报原文' });

    const [item] = await press.review.queue();
    expect(item).toMatchObject({
      type: 'report',
      id: submitted.id,
      status: 'returned',
      reviewComment: '请附通报原文',
      title: '1月15日0—12时',
    });
    expect((await errorOf(reviewer.report.approve({ id: submitted.id, expectedVersion: 2 }))).code).toBe('BAD_REQUEST');
    const stale = await errorOf(press.report.resubmit({ ...jan15, id: submitted.id, expectedVersion: 1 }));
    expect(stale.code).toBe('CONFLICT');

    const resubmitted = await press.report.resubmit({
      ...jan15,
      source: '1月15日0—12时，全市新增确诊病例48例。',
      id: submitted.id,
      expectedVersion: 2,
    });
    expect(resubmitted).toMatchObject({ status: 'in_review', version: 3 });
    const detail = await reviewer.review.forReview({ type: 'report', id: submitted.id });
    expect(detail.previous?.id).toBe(first.id);
    expect(detail.differences.find((d) => d.field === 'newConfirmed')).toMatchObject({ value: 48, previous: 90, difference: -42 });
    await reviewer.report.approve({ id: submitted.id, expectedVersion: 3 });
    expect(await press.review.queue()).toEqual([]);
    expect(api.publisher.reasons).toEqual(['发布疫情通报']);
  });

  it('corrects a published figure on two people’s word and shows the correction publicly', async ({
    api,
    press,
    reviewer,
    anonymous,
    first,
  }) => {
    const waiting = await press.report.submit(jan15);
    const notPublished = await errorOf(press.report.correct(reportCorrection(waiting, { newConfirmed: 47 }, '笔误')));
    expect(notPublished.code).toBe('BAD_REQUEST');
    const { body } = await api.postOverHttp('press_officer', 'report.correct', reportCorrection(first, { newAsymptomatic: 21 }, ''));
    expect(body.error.data.fieldErrors).toEqual({ reason: ['必填'] });

    const prepared = await press.report.correct(reportCorrection(first, { newAsymptomatic: 21 }, '1例无症状感染者漏报'));
    expect(prepared.warnings).toEqual([]);
    expect(await anonymous.report.corrections()).toEqual([]);
    const queued = (await reviewer.review.queue()).find((q) => q.type === 'correction');
    expect(queued).toMatchObject({ id: prepared.request.id, title: '1月14日0—24时通报：新增无症状' });

    const applied = await reviewer.report.approveCorrection({ id: prepared.request.id, expectedVersion: 1 });
    expect(applied.entityType).toBe('report');
    expect(applied.entity).toMatchObject({ newAsymptomatic: 21, version: first.version + 1 });
    expect(api.publisher.reasons).toEqual(['更正疫情通报']);
    const listed = (await anonymous.report.list()).find((r) => r.id === first.id)!;
    expect(listed.corrections).toEqual([
      {
        field: 'newAsymptomatic',
        label: '新增无症状',
        oldValue: 20,
        newValue: 21,
        reason: '1例无症状感染者漏报',
        correctedAt: '2021-01-15T11:00:00.000Z',
      },
    ]);
    expect((await anonymous.report.corrections()).map((c) => [c.reportId, c.label, c.oldValue, c.newValue, c.reason])).toEqual([
      [first.id, '新增无症状', 20, 21, '1例无症状感染者漏报'],
    ]);
    const detail = await press.report.get({ id: first.id });
    expect(detail.correctionRequests.map((c) => c.status)).toEqual(['applied']);
  });
});
