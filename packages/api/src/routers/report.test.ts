import { formatPeriod, listAudit } from '@epi/core/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf, testApi, type Caller, type TestApi } from '../test-support.ts';

// 1月14日0—24时, then the figures of the 11th press conference, 1月15日0—12时.
const jan14 = {
  periodStart: '2021-01-14T00:00:00+08:00',
  periodEnd: '2021-01-15T00:00:00+08:00',
  newConfirmed: 90,
  newAsymptomatic: 20,
  cumulativeConfirmed: 531,
  cumulativeAsymptomatic: 203,
};
const jan15 = {
  periodStart: '2021-01-15T00:00:00+08:00',
  periodEnd: '2021-01-15T12:00:00+08:00',
  newConfirmed: 48,
  newAsymptomatic: 10,
  cumulativeConfirmed: 579,
  cumulativeAsymptomatic: 213,
  districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 8 }],
};

describe('report router', () => {
  let api: TestApi;
  let press: Caller;
  beforeEach(async () => {
    api = await testApi();
    press = await api.as('press_officer');
    await press.report.publish(jan14);
    api.publisher.reasons.length = 0;
  });

  it('publishes figures that reconcile with the previous report', async () => {
    expect(await press.report.check(jan15)).toEqual([]);
    const report = await press.report.publish(jan15);
    expect(formatPeriod(report.periodStart, report.periodEnd)).toBe('1月15日0—12时');
    expect(report).toMatchObject({ status: 'published', reconciliationNote: null, cumulativeConfirmed: 579 });
    expect(report.districts).toEqual([
      { districtCode: '130109', districtName: '藁城区', newConfirmed: 40, newAsymptomatic: 8, cumulativeConfirmed: null, cumulativeAsymptomatic: null },
    ]);
    expect(api.publisher.reasons).toEqual(['发布疫情通报']);

    const anonymous = await api.as(null);
    expect((await anonymous.report.latest())?.id).toBe(report.id);
    expect((await anonymous.report.list()).map((r) => r.cumulativeConfirmed)).toEqual([579, 531]);
    const [entry] = await listAudit(api.db, { entityType: 'report', entityId: report.id });
    expect(entry).toMatchObject({ action: 'report.publish', actorName: '新闻发布员', reason: null });
  });

  it('refuses figures that do not reconcile until a note explains them', async () => {
    const mismatched = { ...jan15, cumulativeConfirmed: 580 };
    const { status, body } = await api.postOverHttp('press_officer', 'report.publish', mismatched);
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
    expect(await (await api.as(null)).report.list()).toHaveLength(1);
    expect(api.publisher.reasons).toEqual([]);

    const note = '1例此前漏报病例补报，计入累计';
    const report = await press.report.publish({ ...mismatched, reconciliationNote: note });
    expect(report.reconciliationNote).toBe(note);
    const [entry] = await listAudit(api.db, { entityType: 'report', entityId: report.id });
    expect(entry!.reason).toBe(note);
  });

  it('refuses a period that overlaps a published one, even with a note', async () => {
    const overlapping = { ...jan15, periodStart: '2021-01-14T12:00:00+08:00', reconciliationNote: '说明' };
    expect((await press.report.check(overlapping)).map((i) => i.kind)).toContain('overlap');
    const error = await errorOf(press.report.publish(overlapping));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('统计时段与已发布的通报重叠');
    const { body } = await api.postOverHttp('press_officer', 'report.publish', overlapping);
    expect(body.error.data.fieldErrors).toEqual({ periodStart: ['统计时段与已发布的通报重叠'] });
    expect(await (await api.as(null)).report.list()).toHaveLength(1);
  });

  it('refuses a period that ends before it starts, naming periodEnd', async () => {
    const { status, body } = await api.postOverHttp('press_officer', 'report.publish', {
      ...jan15,
      periodEnd: '2021-01-14T23:00:00+08:00',
    });
    expect(status).toBe(400);
    expect(body.error.data.fieldErrors).toEqual({ periodEnd: ['统计截止时间必须晚于开始时间'] });
    expect(body.error.message).toBe('periodEnd：统计截止时间必须晚于开始时间');
  });

  it('names the row of an unknown district', async () => {
    const { body } = await api.postOverHttp('press_officer', 'report.publish', {
      ...jan15,
      districts: [...jan15.districts, { districtCode: '139999', newConfirmed: 1, newAsymptomatic: 0 }],
    });
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('139999');
    expect(body.error.data.fieldErrors).toEqual({ 'districts.1.districtCode': ['未知的区划代码 139999'] });
  });

  it('refuses a count that cannot be right, naming the field', async () => {
    const { body } = await api.postOverHttp('press_officer', 'report.publish', { ...jan15, newAsymptomatic: -1, newConfirmed: 4.5 });
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['newAsymptomatic', 'newConfirmed']);
  });
});
