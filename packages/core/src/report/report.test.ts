import { describe, expect } from 'vitest';
import { ZodError } from 'zod';
import { InputError } from '../shared/errors.ts';
import { publishedReport } from '../test-support/db.ts';
import { deskTest } from '../test-support/desk.ts';
import { JAN14_REPORT, JAN15_NOON_REPORT, JAN15_REPORT, JAN16_REPORT } from '../test-support/fixtures.ts';
import { checkReport, listReports, previousPublishedReport, ReconciliationError } from './report.ts';
import { submitReport } from './workflow.ts';

/** 1月14日's report, published before each test: what the next report adds to. */
const it = deskTest.extend('jan14', { auto: true }, ({ press, reviewer }) => publishedReport(press, reviewer, JAN14_REPORT));

describe('report repository', () => {
  it('needs a note for a gap after the previous report, and keeps the note', async ({ press }) => {
    const later = { ...JAN15_NOON_REPORT, periodStart: '2021-01-15T06:00:00+08:00' };
    const error = await submitReport(press, later).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconciliationError);
    expect((error as ReconciliationError).field).toBe('reconciliationNote');
    expect((error as ReconciliationError).issues.map((i) => i.kind)).toEqual(['gap']);
    const report = await submitReport(press, { ...later, reconciliationNote: '0—6时数据并入上一期' });
    expect(report.reconciliationNote).toBe('0—6时数据并入上一期');
    expect(report.submittedIssues.map((i) => i.kind)).toEqual(['gap']);
  });

  it('does not keep a note that nothing needed', async ({ press }) => {
    const report = await submitReport(press, { ...JAN15_NOON_REPORT, reconciliationNote: '无' });
    expect(report.reconciliationNote).toBeNull();
    expect(report.submittedIssues).toEqual([]);
  });

  it('needs a justification for a period overlapping any published report, naming each one and both periods', async ({
    db,
    press,
    reviewer,
  }) => {
    const morning = await publishedReport(press, reviewer, JAN15_NOON_REPORT);
    // A back-filled 1月14日12时—1月15日6时 overlaps both.
    const backfill = { ...JAN15_NOON_REPORT, periodStart: '2021-01-14T12:00:00+08:00', periodEnd: '2021-01-15T06:00:00+08:00' };
    const overlaps = (await checkReport(db, backfill)).filter((i) => i.kind === 'overlap');
    expect(overlaps.map((i) => [i.field, i.overlaps?.id, i.message])).toEqual([
      [
        'periodStart',
        (await listReports(db)).find((r) => r.cumulativeConfirmed === 531)!.id,
        '统计时段与已发布的通报重叠：本期1月14日12时—1月15日6时与已发布的1月14日0—24时通报部分重叠；每日新增统计中，两期截止的日期均不计新增数',
      ],
      [
        'periodStart',
        morning.id,
        '统计时段与已发布的通报重叠：本期1月14日12时—1月15日6时与已发布的1月15日0—12时通报部分重叠；每日新增统计中，两期截止的日期均不计新增数',
      ],
    ]);
    const error = await submitReport(press, backfill).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconciliationError);
    expect((error as ReconciliationError).field).toBe('reconciliationNote');
    expect((error as ReconciliationError).issues.filter((i) => i.kind === 'overlap')).toEqual(overlaps);
    expect(await listReports(db)).toHaveLength(2);
    const submitted = await submitReport(press, { ...backfill, reconciliationNote: '补报此前未通报的时段' });
    expect(submitted.submittedIssues.filter((i) => i.kind === 'overlap')).toEqual(overlaps);
  });

  describe('a cumulative count the previous report did not state', () => {
    it('is counted on from the last report that stated it, across reports that follow on', async ({ db, press, reviewer }) => {
      // 1月15日0—24时 states only new counts: the 1月16日 check counts on from 1月14日's 531.
      const day = { ...JAN15_REPORT, cumulativeConfirmed: null, cumulativeAsymptomatic: null };
      await publishedReport(press, reviewer, day);
      expect(await checkReport(db, JAN16_REPORT)).toEqual([]);
      const wrong = (await checkReport(db, { ...JAN16_REPORT, cumulativeConfirmed: 650 })).filter((i) => i.kind === 'cumulative');
      expect(wrong).toEqual([
        {
          field: 'cumulativeConfirmed',
          kind: 'cumulative',
          message: '累计确诊应为 621 + 20 = 641，填写的是 650（上一期未公布累计确诊；1月14日24时公布的 531 加此后各期新增为 621）',
          expected: 641,
          actual: 650,
        },
      ]);
    });

    it('is not counted on across a report that left its new count unstated, and says it could not check', async ({
      db,
      press,
      reviewer,
    }) => {
      await publishedReport(press, reviewer, {
        ...JAN15_REPORT,
        newConfirmed: null,
        cumulativeConfirmed: null,
        cumulativeAsymptomatic: null,
      });
      const issues = await checkReport(db, { ...JAN16_REPORT, cumulativeConfirmed: 650 });
      expect(issues.filter((i) => i.field === 'cumulativeConfirmed')).toEqual([
        expect.objectContaining({ severity: 'info', message: '上一期通报未公布累计确诊，累计确诊未能与上一期核对' }),
      ]);
      // The asymptomatic count still follows on: 203 + 15 + 2 = 220.
      expect(issues.filter((i) => i.field === 'cumulativeAsymptomatic')).toEqual([]);
    });
  });

  describe('a full-day report after the half-day one inside it (1月15日0—12时, then 0—24时)', () => {
    it('shows the overlap and checks the cumulative counts against the report ending at 1月15日0时, not the half day', async ({
      db,
      press,
      reviewer,
    }) => {
      const morning = await publishedReport(press, reviewer, JAN15_NOON_REPORT);
      expect(await checkReport(db, JAN15_REPORT)).toEqual([
        {
          field: 'periodStart',
          kind: 'overlap',
          // The normal pattern: shown, not a mismatch needing a justification.
          severity: 'info',
          message:
            '统计时段与已发布的通报重叠：本期1月15日0—24时包含已发布的1月15日0—12时通报的时段；每日新增按本期计，不再计入1月15日0—12时的新增',
          overlaps: { id: morning.id, periodStart: morning.periodStart, periodEnd: morning.periodEnd },
        },
      ]);
      // Added to the half day's 579 instead, the cumulative count is a mismatch against 531 + 90.
      const onHalfDay = await checkReport(db, { ...JAN15_REPORT, cumulativeConfirmed: 669 });
      expect(onHalfDay.filter((i) => i.kind === 'cumulative').map((i) => [i.expected, i.actual])).toEqual([[621, 669]]);
      expect((await previousPublishedReport(db, JAN15_REPORT.periodStart as string))?.cumulativeConfirmed).toBe(531);
    });

    it('makes the full day, not the half day, the previous report of the next day', async ({ db, press, reviewer }) => {
      await publishedReport(press, reviewer, JAN15_NOON_REPORT);
      const day = await publishedReport(press, reviewer, { ...JAN15_REPORT, reconciliationNote: '全天通报包含已发布的0—12时数据' });
      // 1月15日12—24时 is published too: it ends with the full day, which stays the previous one.
      const afternoon = { ...JAN15_REPORT, periodStart: '2021-01-15T12:00:00+08:00', newConfirmed: 42, newAsymptomatic: 5 };
      await publishedReport(press, reviewer, { ...afternoon, reconciliationNote: '下午时段，已含在全天通报中' });
      expect((await previousPublishedReport(db, JAN16_REPORT.periodStart as string))?.id).toBe(day.id);
      expect(await checkReport(db, JAN16_REPORT)).toEqual([]);
    });

    it('shows the overlap of a half day entered after the full day, checked against the report before both', async ({
      db,
      press,
      reviewer,
    }) => {
      const day = await publishedReport(press, reviewer, JAN15_REPORT);
      const issues = await checkReport(db, JAN15_NOON_REPORT);
      expect(issues.map((i) => [i.kind, i.overlaps?.id, i.message])).toEqual([
        [
          'overlap',
          day.id,
          '统计时段与已发布的通报重叠：本期1月15日0—12时在已发布的1月15日0—24时通报的时段之内；每日新增按1月15日0—24时计，不计本期新增',
        ],
      ]);
    });
  });

  it('refuses a district listed twice, naming the row', async ({ press }) => {
    const row = { districtCode: '130109', newConfirmed: 1, newAsymptomatic: 0 };
    const error = await submitReport(press, { ...JAN15_NOON_REPORT, districts: [row, row] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([['districts.1.districtCode', '区县重复']]);
  });

  it('refuses an unknown district, naming the row', async ({ press }) => {
    const error = await submitReport(press, {
      ...JAN15_NOON_REPORT,
      districts: [{ districtCode: '139999', newConfirmed: 1, newAsymptomatic: 0 }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('districts.0.districtCode');
  });

  it('submits partial district rows with only a note, and needs a justification for a district cumulative that does not follow on', async ({
    db,
    press,
    reviewer,
  }) => {
    await publishedReport(press, reviewer, {
      ...JAN15_NOON_REPORT,
      districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 10, cumulativeConfirmed: 470, cumulativeAsymptomatic: 180 }],
    });
    const next = {
      periodStart: '2021-01-15T12:00:00+08:00',
      periodEnd: '2021-01-16T00:00:00+08:00',
      newConfirmed: 42,
      newAsymptomatic: 5,
      cumulativeConfirmed: 621,
      cumulativeAsymptomatic: 218,
    };
    const row = { districtCode: '130109', newConfirmed: 30, newAsymptomatic: 5, cumulativeConfirmed: 500, cumulativeAsymptomatic: 185 };
    // Only 藁城区 listed, 12 cases short of the city total: shown, but nothing to justify.
    expect((await checkReport(db, { ...next, districts: [row] })).map((i) => [i.kind, i.severity])).toEqual([['districts', 'info']]);
    const wrong = { ...row, cumulativeConfirmed: 505 };
    const error = await submitReport(press, { ...next, districts: [wrong] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconciliationError);
    expect((error as ReconciliationError).issues).toEqual([
      {
        field: 'districts.0.cumulativeConfirmed',
        kind: 'district-cumulative',
        message: '藁城区累计确诊应为 470 + 30 = 500，填写的是 505',
        expected: 500,
        actual: 505,
      },
    ]);
    const submitted = await submitReport(press, { ...next, districts: [row] });
    expect(submitted.reconciliationNote).toBeNull();
    expect(submitted.submittedIssues).toEqual([]);
    expect(submitted.districts[0]).toMatchObject({ cumulativeConfirmed: 500, cumulativeAsymptomatic: 185 });
  });
});
