import { describe, expect, it } from 'vitest';
import { fromBeijingLocal } from '../shared/time.ts';
import { dailySeries, districtDailySeries, type SeriesReport, type SeriesReportDistrict } from './series.ts';

/** A report for a period given in Beijing wall time ('2021-01-15 00:00' to '2021-01-15 12:00'). */
function report(
  from: string,
  to: string,
  counts: { c: number; a: number; r?: number; cc?: number | null; ca?: number | null; id?: string; districts?: SeriesReportDistrict[] },
): SeriesReport {
  return {
    ...(counts.id ? { id: counts.id } : {}),
    periodStart: fromBeijingLocal(from),
    periodEnd: to.endsWith(' 24:00')
      ? new Date(Date.parse(fromBeijingLocal(to.replace(' 24:00', ' 00:00'))) + 86_400_000).toISOString()
      : fromBeijingLocal(to),
    newConfirmed: counts.c,
    newAsymptomatic: counts.a,
    ...(counts.r !== undefined ? { reclassifiedConfirmed: counts.r } : {}),
    cumulativeConfirmed: counts.cc ?? null,
    cumulativeAsymptomatic: counts.ca ?? null,
    ...(counts.districts ? { districts: counts.districts } : {}),
  };
}

const row = (districtCode: string, newConfirmed: number, newAsymptomatic: number): SeriesReportDistrict => ({
  districtCode,
  newConfirmed,
  newAsymptomatic,
});

describe('dailySeries', () => {
  it('adds two half-day reports into one complete day', () => {
    const { days, issues } = dailySeries([
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, cc: 579, ca: 213 }),
      report('2021-01-15 12:00', '2021-01-15 24:00', { c: 42, a: 5, cc: 621, ca: 218 }),
    ]);
    expect(issues).toEqual([]);
    expect(days).toEqual([
      {
        date: '2021-01-15',
        newConfirmed: 90,
        reclassifiedConfirmed: 0,
        newAsymptomatic: 15,
        cumulativeConfirmed: 621,
        cumulativeAsymptomatic: 218,
        cumulativeAsOf: '2021-01-15T16:00:00.000Z',
        complete: true,
        approximate: false,
        periods: [
          { periodStart: '2021-01-14T16:00:00.000Z', periodEnd: '2021-01-15T04:00:00.000Z' },
          { periodStart: '2021-01-15T04:00:00.000Z', periodEnd: '2021-01-15T16:00:00.000Z' },
        ],
      },
    ]);
  });

  it('counts cases reclassified from asymptomatic as new confirmed, so the bars add up to the rise of the cumulative curve', () => {
    // 新增确诊48例（其中3例为无症状感染者转确诊） is entered as 45 new + 3 reclassified.
    const reports = [
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, cc: 531, ca: 203 }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 45, r: 3, a: 10, cc: 579, ca: 210 }),
      report('2021-01-15 12:00', '2021-01-15 24:00', { c: 40, r: 2, a: 5, cc: 621, ca: 213 }),
      report('2021-01-16 00:00', '2021-01-16 08:00', { c: 10, r: 0, a: 2, cc: 631, ca: 215 }),
      report('2021-01-16 08:00', '2021-01-16 24:00', { c: 20, r: 4, a: 1, cc: 655, ca: 212 }),
      report('2021-01-17 00:00', '2021-01-17 24:00', { c: 5, r: 1, a: 0, cc: 661, ca: 211 }),
    ];
    const { days, issues } = dailySeries(reports);
    // Cumulative asymptomatic falls by exactly the cases that moved to confirmed: not an issue.
    expect(issues).toEqual([]);
    expect(days.map((d) => [d.date, d.newConfirmed, d.reclassifiedConfirmed, d.cumulativeConfirmed])).toEqual([
      ['2021-01-14', 90, 0, 531],
      ['2021-01-15', 90, 5, 621],
      ['2021-01-16', 34, 4, 655],
      ['2021-01-17', 6, 1, 661],
    ]);
    for (let i = 1; i < days.length; i += 1) {
      expect(days[i]!.newConfirmed, days[i]!.date).toBe(days[i]!.cumulativeConfirmed! - days[i - 1]!.cumulativeConfirmed!);
    }
    const bars = days.slice(1).reduce((sum, d) => sum + d.newConfirmed!, 0);
    expect(bars).toBe(days[days.length - 1]!.cumulativeConfirmed! - days[0]!.cumulativeConfirmed!);

    // A fall of cumulative asymptomatic beyond the reclassified cases is still reported.
    const fallen = dailySeries([...reports.slice(0, 4), { ...reports[4]!, cumulativeAsymptomatic: 210 }]);
    expect(fallen.issues.map((i) => i.message)).toEqual(['累计无症状感染者从 215 减少到 210']);
  });

  it('marks a day with only its first half reported as incomplete', () => {
    const { days } = dailySeries([
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, cc: 531, ca: 203 }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, cc: 579, ca: 213 }),
    ]);
    expect(days.map((d) => [d.date, d.newConfirmed, d.complete, d.cumulativeConfirmed, d.cumulativeAsOf])).toEqual([
      ['2021-01-14', 90, true, 531, '2021-01-14T16:00:00.000Z'],
      ['2021-01-15', 48, false, 579, '2021-01-15T04:00:00.000Z'],
    ]);
  });

  it('counts a period crossing midnight on the day it ends, marked approximate', () => {
    const { days } = dailySeries([
      report('2021-01-13 12:00', '2021-01-14 12:00', { c: 70, a: 12 }),
      report('2021-01-14 12:00', '2021-01-15 12:00', { c: 60, a: 8 }),
    ]);
    expect(days.map((d) => [d.date, d.newConfirmed, d.newAsymptomatic, d.complete, d.approximate])).toEqual([
      ['2021-01-14', 70, 12, false, true],
      ['2021-01-15', 60, 8, false, true],
    ]);
  });

  it('calls a day covered from the day before and to its own midnight complete but approximate', () => {
    const { days } = dailySeries([
      report('2021-01-14 12:00', '2021-01-15 12:00', { c: 60, a: 8 }),
      report('2021-01-15 12:00', '2021-01-15 24:00', { c: 30, a: 4 }),
    ]);
    expect(days).toMatchObject([{ date: '2021-01-15', newConfirmed: 90, newAsymptomatic: 12, complete: true, approximate: true }]);
  });

  it('uses Beijing calendar days: an end at 16:00 UTC closes the Beijing day', () => {
    const { days } = dailySeries([
      {
        periodStart: '2021-01-14T16:00:00.000Z',
        periodEnd: '2021-01-15T16:00:00.000Z',
        newConfirmed: 5,
        newAsymptomatic: 1,
        cumulativeConfirmed: 10,
        cumulativeAsymptomatic: 2,
      },
      {
        periodStart: '2021-01-15T16:00:00.000Z',
        periodEnd: '2021-01-16T04:00:00.000Z',
        newConfirmed: 3,
        newAsymptomatic: 0,
        cumulativeConfirmed: 13,
        cumulativeAsymptomatic: 2,
      },
    ]);
    expect(days.map((d) => [d.date, d.newConfirmed, d.complete, d.approximate])).toEqual([
      ['2021-01-15', 5, true, false],
      ['2021-01-16', 3, false, false],
    ]);
  });

  it('leaves a day without a report as a gap, carrying the last cumulative count with its time', () => {
    const { days } = dailySeries([
      report('2021-01-13 00:00', '2021-01-13 24:00', { c: 33, a: 5, cc: 441, ca: 183 }),
      report('2021-01-15 00:00', '2021-01-15 24:00', { c: 90, a: 15, cc: 621, ca: 218 }),
    ]);
    expect(days[1]).toEqual({
      date: '2021-01-14',
      newConfirmed: null,
      reclassifiedConfirmed: null,
      newAsymptomatic: null,
      cumulativeConfirmed: 441,
      cumulativeAsymptomatic: 183,
      cumulativeAsOf: '2021-01-13T16:00:00.000Z',
      complete: false,
      approximate: false,
      periods: [],
    });
    expect(days.map((d) => d.date)).toEqual(['2021-01-13', '2021-01-14', '2021-01-15']);
  });

  it('does not depend on the order of the reports', () => {
    const reports = [
      report('2021-01-15 12:00', '2021-01-15 24:00', { c: 42, a: 5, cc: 621, ca: 218 }),
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, cc: 531, ca: 203 }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, cc: 579, ca: 213 }),
    ];
    expect(dailySeries(reports)).toEqual(dailySeries([reports[1]!, reports[2]!, reports[0]!]));
    expect(dailySeries(reports).days.map((d) => d.newConfirmed)).toEqual([90, 90]);
  });

  it('counts a full-day report over the half-day reports inside it, once, keeping daily = rise of cumulative', () => {
    // Hebei, January 2021: 1月15日0—12时 was published, then the full day 1月15日0—24时 (and here also 12—24时).
    const reports = [
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, cc: 531, ca: 203, id: 'jan14' }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 45, r: 3, a: 10, cc: 579, ca: 210, id: 'half' }),
      report('2021-01-15 00:00', '2021-01-15 24:00', { c: 85, r: 5, a: 15, cc: 621, ca: 213, id: 'day' }),
      report('2021-01-15 12:00', '2021-01-15 24:00', { c: 40, r: 2, a: 5, cc: 621, ca: 213, id: 'afternoon' }),
      report('2021-01-16 00:00', '2021-01-16 24:00', { c: 20, r: 0, a: 2, cc: 641, ca: 215, id: 'jan16' }),
    ];
    const { days, issues } = dailySeries(reports);
    expect(issues).toEqual([]);
    expect(
      days.map((d) => [
        d.date,
        d.newConfirmed,
        d.reclassifiedConfirmed,
        d.newAsymptomatic,
        d.cumulativeConfirmed,
        d.complete,
        d.approximate,
      ]),
    ).toEqual([
      ['2021-01-14', 90, 0, 20, 531, true, false],
      ['2021-01-15', 90, 5, 15, 621, true, false],
      ['2021-01-16', 20, 0, 2, 641, true, false],
    ]);
    // Only the containing report is the day's period.
    expect(days[1]!.periods).toEqual([{ periodStart: '2021-01-14T16:00:00.000Z', periodEnd: '2021-01-15T16:00:00.000Z' }]);
    for (let i = 1; i < days.length; i += 1) {
      expect(days[i]!.newConfirmed, days[i]!.date).toBe(days[i]!.cumulativeConfirmed! - days[i - 1]!.cumulativeConfirmed!);
      expect(days[i]!.newAsymptomatic! - days[i]!.reclassifiedConfirmed!, days[i]!.date).toBe(
        days[i]!.cumulativeAsymptomatic! - days[i - 1]!.cumulativeAsymptomatic!,
      );
    }
    // Whatever order they come in.
    expect(dailySeries([...reports].reverse())).toEqual({ days, issues });
    // With only the half day and the full day, the full day is still counted once.
    expect(dailySeries([reports[0]!, reports[1]!, reports[2]!]).days.map((d) => d.newConfirmed)).toEqual([90, 90]);
  });

  it('counts the containing report for the districts too', () => {
    const { districts } = districtDailySeries([
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, districts: [row('130109', 48, 10)] }),
      report('2021-01-15 00:00', '2021-01-15 24:00', { c: 90, a: 15, districts: [row('130109', 80, 15), row('130105', 10, 0)] }),
    ]);
    expect(districts.map((d) => [d.districtCode, d.days.map((x) => [x.newConfirmed, x.newAsymptomatic, x.complete])])).toEqual([
      ['130105', [[10, 0, true]]],
      ['130109', [[80, 15, true]]],
    ]);
  });

  it('lists periods that overlap partially and does not add up the days they touch', () => {
    const { days, issues } = dailySeries([
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, id: 'a' }),
      report('2021-01-15 06:00', '2021-01-15 18:00', { c: 50, a: 15, id: 'b' }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, id: 'c' }),
    ]);
    expect(issues).toEqual([
      {
        kind: 'overlap',
        message: '两期通报的统计时段重叠，重叠涉及的日期不计新增数',
        reports: [
          { index: 2, id: 'c', periodStart: '2021-01-14T16:00:00.000Z', periodEnd: '2021-01-15T04:00:00.000Z' },
          { index: 1, id: 'b', periodStart: '2021-01-14T22:00:00.000Z', periodEnd: '2021-01-15T10:00:00.000Z' },
        ],
      },
    ]);
    expect(days.map((d) => [d.date, d.newConfirmed, d.complete])).toEqual([
      ['2021-01-14', 90, true],
      ['2021-01-15', null, false],
    ]);
  });

  it('does not take as nested the same period twice, a containing period ending on a later day, or two overlapping halves inside a day', () => {
    const jan14 = report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20 });
    const twice = dailySeries([
      jan14,
      report('2021-01-15 00:00', '2021-01-15 24:00', { c: 90, a: 15 }),
      report('2021-01-15 00:00', '2021-01-15 24:00', { c: 91, a: 15 }),
    ]);
    expect(twice.issues.map((i) => i.kind)).toEqual(['overlap']);
    expect(twice.days.map((d) => d.newConfirmed)).toEqual([90, null]);

    // 1月15日12时—16日12时 inside 1月15日0时—17日12时: they end on different days.
    const later = dailySeries([
      jan14,
      report('2021-01-15 00:00', '2021-01-17 12:00', { c: 120, a: 20 }),
      report('2021-01-15 12:00', '2021-01-16 12:00', { c: 60, a: 10 }),
    ]);
    expect(later.issues.map((i) => i.kind)).toEqual(['overlap']);
    expect(later.days.map((d) => [d.date, d.newConfirmed])).toEqual([
      ['2021-01-14', 90],
      ['2021-01-15', null],
      ['2021-01-16', null],
      ['2021-01-17', null],
    ]);

    // Both halves lie inside the full day but overlap each other: the day is not counted.
    const halves = dailySeries([
      jan14,
      report('2021-01-15 00:00', '2021-01-15 24:00', { c: 90, a: 15 }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10 }),
      report('2021-01-15 10:00', '2021-01-15 24:00', { c: 50, a: 6 }),
    ]);
    expect(halves.issues.map((i) => i.reports.map((r) => r.index))).toEqual([[2, 3]]);
    expect(halves.days.map((d) => d.newConfirmed)).toEqual([90, null]);
  });

  it('skips a report whose period ends before it starts', () => {
    const bad = { ...report('2021-01-15 00:00', '2021-01-15 12:00', { c: 1, a: 1 }), periodEnd: '2021-01-14T16:00:00.000Z' };
    const { days, issues } = dailySeries([bad]);
    expect(days).toEqual([]);
    expect(issues).toMatchObject([{ kind: 'invalid-period', reports: [{ index: 0, id: null }] }]);
  });

  it('reports a cumulative count that falls, and one stated twice for the same time', () => {
    const { days, issues } = dailySeries([
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, cc: 531, ca: 203 }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, cc: 530, ca: 213 }),
      report('2021-01-16 00:00', '2021-01-16 24:00', { c: 1, a: 0, cc: 600, ca: 213 }),
      {
        ...report('2021-01-16 00:00', '2021-01-16 24:00', { c: 1, a: 0, cc: 601, ca: 213 }),
        periodStart: fromBeijingLocal('2021-01-16 12:00'),
      },
    ]);
    // 1月16日12—24时 lies inside 1月16日0—24时 (nested, not an overlap issue) and ends with it.
    expect(issues.map((i) => [i.kind, i.message])).toEqual([
      ['cumulative-decrease', '累计确诊从 531 减少到 530'],
      ['cumulative-conflict', '同一时刻的累计确诊数不一致：600、601'],
    ]);
    expect(days.map((d) => [d.date, d.cumulativeConfirmed, d.cumulativeAsymptomatic])).toEqual([
      ['2021-01-14', 531, 203],
      ['2021-01-15', 530, 213],
      ['2021-01-16', null, 213],
    ]);
  });

  it('returns nothing for no reports', () => {
    expect(dailySeries([])).toEqual({ days: [], issues: [] });
  });

  it('handles a year of half-day reports', () => {
    const reports: SeriesReport[] = [];
    let cumulative = 0;
    const start = Date.parse('2020-12-31T16:00:00.000Z');
    for (let day = 0; day < 365; day += 1) {
      for (const half of [0, 1]) {
        const from = start + day * 86_400_000 + half * 43_200_000;
        cumulative += day % 7;
        reports.push({
          periodStart: new Date(from).toISOString(),
          periodEnd: new Date(from + 43_200_000).toISOString(),
          newConfirmed: day % 7,
          newAsymptomatic: half,
          cumulativeConfirmed: cumulative,
          cumulativeAsymptomatic: day,
        });
      }
    }
    const { days, issues } = dailySeries(reports.reverse());
    expect(issues).toEqual([]);
    expect(days).toHaveLength(365);
    expect(days[0]!.date).toBe('2021-01-01');
    expect(days[364]!.date).toBe('2021-12-31');
    expect(days.every((d, i) => d.complete && !d.approximate && d.newConfirmed === 2 * (i % 7) && d.newAsymptomatic === 1)).toBe(true);
    expect(days[364]!.cumulativeConfirmed).toBe(cumulative);
  });
});

describe('districtDailySeries', () => {
  it('adds up district rows by day and reads an unlisted district as 0 only when the rows add up', () => {
    const { districts } = districtDailySeries([
      // Rows add up to the totals: a district not listed had none.
      report('2021-01-14 00:00', '2021-01-14 24:00', { c: 90, a: 20, districts: [row('130109', 80, 20), row('130105', 10, 0)] }),
      report('2021-01-15 00:00', '2021-01-15 12:00', { c: 48, a: 10, districts: [row('130109', 40, 10), row('130105', 8, 0)] }),
      // Rows fall short of the totals: the unlisted districts are unknown.
      report('2021-01-15 12:00', '2021-01-15 24:00', { c: 42, a: 5, districts: [row('130109', 30, 5)] }),
      // No rows at all: nothing is known about any district.
      report('2021-01-16 00:00', '2021-01-16 24:00', { c: 20, a: 3 }),
    ]);
    expect(districts.map((d) => [d.districtCode, d.days.map((x) => [x.date, x.newConfirmed, x.newAsymptomatic, x.complete])])).toEqual([
      [
        '130105',
        [
          ['2021-01-14', 10, 0, true],
          // The second half's rows account for every asymptomatic case but not every confirmed one.
          ['2021-01-15', null, 0, false],
          ['2021-01-16', null, null, false],
        ],
      ],
      [
        '130109',
        [
          ['2021-01-14', 80, 20, true],
          ['2021-01-15', 70, 15, true],
          ['2021-01-16', null, null, false],
        ],
      ],
    ]);
  });

  it('gives the series of the districts asked for, with their cumulative counts', () => {
    const { districts } = districtDailySeries(
      [
        report('2021-01-14 00:00', '2021-01-14 24:00', {
          c: 90,
          a: 20,
          districts: [{ ...row('130109', 90, 20), cumulativeConfirmed: 500, cumulativeAsymptomatic: 190 }],
        }),
      ],
      ['130109', '130123'],
    );
    expect(districts).toEqual([
      {
        districtCode: '130109',
        days: [
          {
            date: '2021-01-14',
            newConfirmed: 90,
            newAsymptomatic: 20,
            cumulativeConfirmed: 500,
            cumulativeAsymptomatic: 190,
            complete: true,
            approximate: false,
          },
        ],
      },
      {
        districtCode: '130123',
        days: [
          {
            date: '2021-01-14',
            newConfirmed: 0,
            newAsymptomatic: 0,
            cumulativeConfirmed: null,
            cumulativeAsymptomatic: null,
            complete: true,
            approximate: false,
          },
        ],
      },
    ]);
  });
});
