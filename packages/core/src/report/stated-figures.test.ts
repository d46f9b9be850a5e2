import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { publishedReport } from '../test-support/db.ts';
import { deskTest } from '../test-support/desk.ts';
import { failure } from '../test-support/fixtures.ts';
import { reconcileReport } from './reconcile.ts';
import { checkReport, getReport, listReports } from './report.ts';
import { reportInput, type ReportInput } from './schema.ts';
import { dailySeries } from './series.ts';
import { submitReport } from './workflow.ts';

// Figures as they were stated: the 38th municipal press conference (2月15日) reported 2月11日0时 to
// 2月14日24时: 1 new confirmed, no new asymptomatic, 27 discharged; since 1月2日, 869 confirmed,
// 727 discharged, 155 released from medical observation, 1 death; 9 asymptomatic cases under
// observation now and 141 confirmed cases in hospital. It gave no cumulative asymptomatic count.
const FEB14: ReportInput = {
  periodStart: '2021-02-11T00:00:00+08:00',
  periodEnd: '2021-02-15T00:00:00+08:00',
  newConfirmed: 1,
  newAsymptomatic: 0,
  newDischarged: 27,
  cumulativeConfirmed: 869,
  cumulativeDischarged: 727,
  cumulativeReleased: 155,
  cumulativeDeaths: 1,
  underObservation: 9,
  underTreatment: 141,
};

describe('a report states what it states', () => {
  deskTest('keeps "not stated" apart from 0, and the current figures apart from the cumulative ones', async ({ db, press, reviewer }) => {
    const report = await publishedReport(press, reviewer, FEB14);
    const read = await getReport(db, report.id);
    expect(read).toMatchObject({
      newAsymptomatic: 0,
      cumulativeAsymptomatic: null,
      underObservation: 9,
      underTreatment: 141,
      cumulativeDischarged: 727,
      cumulativeReleased: 155,
      cumulativeDeaths: 1,
      combinedTotal: null,
      figurePeriods: [],
    });
  });

  deskTest('keeps a figure stated for a period of its own, and does not add it to the report’s period', async ({ db, press, reviewer }) => {
    // 2月1日0—14时 at the press conference: 57 discharged from 1月31日14时 to 2月1日14时.
    const input: ReportInput = {
      periodStart: '2021-02-01T00:00:00+08:00',
      periodEnd: '2021-02-01T14:00:00+08:00',
      newConfirmed: 0,
      newAsymptomatic: 0,
      newDischarged: 57,
      figurePeriods: [{ figure: 'newDischarged', periodStart: '2021-01-31T14:00:00+08:00', periodEnd: '2021-02-01T14:00:00+08:00' }],
    };
    const report = await publishedReport(press, reviewer, input);
    expect((await listReports(db))[0]).toMatchObject({
      id: report.id,
      newDischarged: 57,
      figurePeriods: [{ figure: 'newDischarged', periodStart: '2021-01-31T06:00:00.000Z', periodEnd: '2021-02-01T06:00:00.000Z' }],
    });
    // The discharge count is not checked against the report's own period.
    const previous = { ...input, periodStart: '2021-01-31T00:00:00+08:00', periodEnd: '2021-02-01T00:00:00+08:00' };
    const next = reportInput.parse({ ...input, cumulativeDischarged: 600 });
    const issues = reconcileReport(next, reportInput.parse({ ...previous, cumulativeDischarged: 500 }), []);
    expect(issues.map((i) => [i.severity, i.message])).toEqual([['info', '新增出院另有统计时段，累计出院未能与上一期核对']]);
  });

  deskTest('tells the reviewer which headline figures are left empty, without asking for a justification', async ({ db, press }) => {
    const issues = await checkReport(db, FEB14);
    expect(issues).toEqual([
      {
        field: 'cumulativeAsymptomatic',
        kind: 'not-stated',
        severity: 'info',
        message: '本期未填写累计无症状：公众网站显示为“未公布”，不计为 0',
      },
    ]);
    expect((await submitReport(press, FEB14)).status).toBe('in_review');
  });

  it('refuses a report that states nothing, and a period of its own that is wrong or for a figure left empty', async () => {
    const period = { periodStart: FEB14.periodStart, periodEnd: FEB14.periodEnd };
    const nothing = reportInput.safeParse(period);
    expect(nothing.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['newConfirmed', '至少填写一项数字；未公布的数字留空'],
    ]);
    const wrong = reportInput.safeParse({
      ...FEB14,
      figurePeriods: [
        { figure: 'newDischarged', periodStart: '2021-02-01T14:00:00+08:00', periodEnd: '2021-01-31T14:00:00+08:00' },
        { figure: 'newDeaths', periodStart: '2021-01-31T14:00:00+08:00', periodEnd: '2021-02-01T14:00:00+08:00' },
        { figure: 'cumulativeConfirmed', periodStart: '2021-01-31T14:00:00+08:00', periodEnd: '2021-02-01T14:00:00+08:00' },
      ],
    });
    expect(wrong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['figurePeriods.2.figure', '只有新增类数字可以有自己的统计时段'],
    ]);
    const late = reportInput.safeParse({
      ...FEB14,
      figurePeriods: [
        { figure: 'newDischarged', periodStart: '2021-02-01T14:00:00+08:00', periodEnd: '2021-01-31T14:00:00+08:00' },
        { figure: 'newDeaths', periodStart: '2021-01-31T14:00:00+08:00', periodEnd: '2021-02-01T14:00:00+08:00' },
      ],
    });
    expect(late.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['figurePeriods.0.periodEnd', '新增出院的统计截止时间必须晚于开始时间'],
      ['figurePeriods.1.figure', '新增死亡未填写，不能有统计时段'],
    ]);
    expect(await failure(Promise.resolve().then(() => reportInput.parse(period)))).toBeInstanceOf(ZodError);
  });
});

describe('checks compare like with like, and only what was stated', () => {
  const day = (date: string, next: string, figures: Partial<ReportInput>) =>
    reportInput.parse({ periodStart: `${date}T00:00:00+08:00`, periodEnd: `${next}T00:00:00+08:00`, ...figures });

  it('checks cumulative discharged and deaths, never a current figure, and skips a check missing a figure', () => {
    const before = day('2021-01-20', '2021-01-21', {
      cumulativeConfirmed: 800,
      cumulativeDischarged: 100,
      cumulativeDeaths: 1,
      underObservation: 40,
    });
    const after = day('2021-01-21', '2021-01-22', {
      newConfirmed: 10,
      cumulativeConfirmed: 810,
      newDischarged: 20,
      cumulativeDischarged: 125,
      cumulativeDeaths: 1,
      // A current figure that falls is no mismatch.
      underObservation: 12,
    });
    expect(reconcileReport(after, before, []).map((i) => [i.severity ?? 'blocking', i.message])).toEqual([
      ['blocking', '累计出院应为 100 + 20 = 120，填写的是 125'],
      // Deaths not stated for the period: cumulative deaths is not checked, and that is said.
      ['info', '本期未公布新增死亡，累计死亡未能与上一期核对'],
    ]);
    // A previous report that did not state a total: not checked either, and said.
    const sparse = day('2021-01-21', '2021-01-22', { newDischarged: 5 });
    const next = day('2021-01-22', '2021-01-23', { newConfirmed: 3, cumulativeConfirmed: 9999 });
    expect(reconcileReport(next, sparse, []).map((i) => [i.severity, i.message])).toEqual([
      ['info', '上一期通报未公布累计确诊，累计确诊未能与上一期核对'],
    ]);
  });

  it('asks a justification of a gap, and only shows the cumulative difference across it', () => {
    // 1月17日0—12时 (706 in all), then 1月18日0—12时 with 14 new and 745 in all: the cases of 1月17日12—24时 are in neither.
    const before = reportInput.parse({
      periodStart: '2021-01-17T00:00:00+08:00',
      periodEnd: '2021-01-17T12:00:00+08:00',
      newConfirmed: 27,
      cumulativeConfirmed: 706,
    });
    const after = reportInput.parse({
      periodStart: '2021-01-18T00:00:00+08:00',
      periodEnd: '2021-01-18T12:00:00+08:00',
      newConfirmed: 14,
      cumulativeConfirmed: 745,
    });
    expect(reconcileReport(after, before, []).map((i) => [i.kind, i.severity ?? 'blocking', i.message])).toEqual([
      ['gap', 'blocking', '统计时段与上一期通报之间有空档'],
      [
        'cumulative',
        'info',
        '跨越空档，累计确诊无法与上一期直接核对：上一期 706 + 本期 14 = 720，填写的是 745（相差 25，应为空档内的变化）',
      ],
    ]);
  });

  it('leaves a day whose report did not state a count unknown in the series, never 0', () => {
    const { days } = dailySeries([
      day('2021-01-20', '2021-01-21', { newConfirmed: 10, newAsymptomatic: 3, cumulativeConfirmed: 800 }),
      day('2021-01-21', '2021-01-22', { newConfirmed: 5, cumulativeConfirmed: 805 }),
    ]);
    expect(days.map((d) => [d.date, d.newConfirmed, d.newAsymptomatic, d.cumulativeAsymptomatic])).toEqual([
      ['2021-01-20', 10, 3, null],
      ['2021-01-21', 5, null, null],
    ]);
  });
});

describe('migration 0012: figures as stated', () => {
  it('keeps the reports entered before, and lets every figure be not stated', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0011-press-conference-issuers')).error).toBeUndefined();
    const at = '2021-01-15T08:00:00.000Z';
    await sql`INSERT INTO district (code, name, short_name, kind, sort_order, note) VALUES ('130109', '藁城区', '藁城', 'district', 1, NULL)`.execute(
      db,
    );
    await sql`
      INSERT INTO report (id, period_start, period_end, new_confirmed, new_asymptomatic, cumulative_confirmed, cumulative_asymptomatic,
        status, version, created_at, published_at)
      VALUES ('r1', '2021-01-14T16:00:00.000Z', '2021-01-15T04:00:00.000Z', 48, 10, 579, 213, 'published', 1, ${at}, ${at})
    `.execute(db);
    await sql`INSERT INTO report_district (report_id, district_code, new_confirmed, new_asymptomatic) VALUES ('r1', '130109', 40, 8)`.execute(
      db,
    );
    await migrateToLatest(db);
    expect(await getReport(db, 'r1')).toMatchObject({
      newConfirmed: 48,
      cumulativeAsymptomatic: 213,
      cumulativeDischarged: null,
      figurePeriods: [],
      districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 8 }],
    });
    await sql`UPDATE report SET new_asymptomatic = NULL, cumulative_asymptomatic = NULL WHERE id = 'r1'`.execute(db);
    await sql`UPDATE report_district SET new_asymptomatic = NULL`.execute(db);
    expect(await getReport(db, 'r1')).toMatchObject({ newAsymptomatic: null, cumulativeAsymptomatic: null });
    // The report's other constraints hold: its status is still checked.
    await expect(sql`UPDATE report SET status = 'lost' WHERE id = 'r1'`.execute(db)).rejects.toThrow(/CHECK/);
    const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE tbl_name = 'report' AND type = 'index'`.execute(db);
    expect(rows.map((r) => r.name)).toContain('report_period_idx');
    await db.destroy();
  });
});
