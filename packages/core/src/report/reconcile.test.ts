import { describe, expect, it } from 'vitest';
import { SHIJIAZHUANG_DISTRICTS } from '../district/shijiazhuang.ts';
import { blockingIssues, reconcileReport, type ReconcilableReport } from './reconcile.ts';

// 1月14日0—24时, then 1月15日0—12时 (the 11th press conference).
const previous: ReconcilableReport = {
  periodStart: '2021-01-13T16:00:00.000Z',
  periodEnd: '2021-01-14T16:00:00.000Z',
  newConfirmed: 90,
  newAsymptomatic: 20,
  reclassifiedConfirmed: null,
  cumulativeConfirmed: 531,
  cumulativeAsymptomatic: 203,
};
const next: ReconcilableReport = {
  periodStart: '2021-01-14T16:00:00.000Z',
  periodEnd: '2021-01-15T04:00:00.000Z',
  newConfirmed: 48,
  newAsymptomatic: 10,
  reclassifiedConfirmed: null,
  cumulativeConfirmed: 579,
  cumulativeAsymptomatic: 213,
};

describe('report reconciliation', () => {
  it('finds nothing when the figures follow on from the previous report', () => {
    expect(reconcileReport(next, previous)).toEqual([]);
  });

  it('has nothing to compare the first report with', () => {
    expect(reconcileReport({ ...next, cumulativeConfirmed: 1 }, null)).toEqual([]);
  });

  it('states the expected and the entered cumulative counts', () => {
    const issues = reconcileReport({ ...next, cumulativeConfirmed: 578, cumulativeAsymptomatic: 215 }, previous);
    expect(issues).toEqual([
      {
        field: 'cumulativeConfirmed',
        kind: 'cumulative',
        message: '累计确诊应为 531 + 48 = 579，填写的是 578',
        expected: 579,
        actual: 578,
      },
      {
        field: 'cumulativeAsymptomatic',
        kind: 'cumulative',
        message: '累计无症状感染者应为 203 + 10 = 213，填写的是 215',
        expected: 213,
        actual: 215,
      },
    ]);
  });

  it('moves reclassified cases from asymptomatic to confirmed', () => {
    const reclassified = { ...next, reclassifiedConfirmed: 5, cumulativeConfirmed: 584, cumulativeAsymptomatic: 208 };
    expect(reconcileReport(reclassified, previous)).toEqual([]);
    // Forgetting the reclassification on both sides is caught, and the message shows the term.
    const issues = reconcileReport({ ...reclassified, cumulativeConfirmed: 579, cumulativeAsymptomatic: 213 }, previous);
    expect(issues.map((i) => [i.field, i.expected, i.actual])).toEqual([
      ['cumulativeConfirmed', 584, 579],
      ['cumulativeAsymptomatic', 208, 213],
    ]);
    expect(issues[0]!.message).toBe('累计确诊应为 531 + 48 + 5 = 584，填写的是 579');
    expect(issues[1]!.message).toBe('累计无症状感染者应为 203 + 10 − 5 = 208，填写的是 213');
  });

  it('flags a period that overlaps the previous one or leaves a gap after it', () => {
    const overlap = reconcileReport({ ...next, periodStart: '2021-01-14T12:00:00.000Z' }, previous);
    expect(overlap).toEqual([{ field: 'periodStart', kind: 'overlap', message: '统计时段与上一期通报重叠' }]);
    const gap = reconcileReport({ ...next, periodStart: '2021-01-14T20:00:00.000Z' }, previous);
    expect(gap).toEqual([{ field: 'periodStart', kind: 'gap', message: '统计时段与上一期通报之间有空档' }]);
  });

  it('flags district rows that add up to more than the city total', () => {
    const districts = [
      { districtCode: '130109', newConfirmed: 40, newAsymptomatic: 8 },
      { districtCode: '130102', newConfirmed: 9, newAsymptomatic: 2 },
    ];
    const issues = reconcileReport({ ...next, districts }, previous);
    // Asymptomatic rows add up to exactly the total (8 + 2 = 10): only confirmed is flagged.
    expect(issues).toEqual([
      { field: 'districts', kind: 'districts', message: '各区县新增确诊合计 49，超过全市新增 48', expected: 48, actual: 49 },
    ]);
  });

  it('notes, without blocking, partial district rows that add up to less than the city total', () => {
    // The report lists only 藁城区: the other 8 cases may be in districts it does not list.
    const issues = reconcileReport({ ...next, districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 10 }] }, previous);
    expect(issues).toEqual([
      {
        field: 'districts',
        kind: 'districts',
        severity: 'info',
        message: '已填写 1 个县（市、区），新增确诊合计 40，比全市新增 48 少 8：差额应属于未填写的县（市、区）或尚未分到区县',
        expected: 48,
        actual: 40,
      },
    ]);
    expect(blockingIssues(issues)).toEqual([]);
  });

  it('flags district rows for every reporting unit that add up to less than the city total', () => {
    // Every county-level unit, the two development zones included, listed; zeros where there were no cases.
    const all = SHIJIAZHUANG_DISTRICTS.map((d) => ({ districtCode: d.code, newConfirmed: 0, newAsymptomatic: 0 }));
    const complete = all.map((r) => (r.districtCode === '130109' ? { ...r, newConfirmed: 48, newAsymptomatic: 10 } : r));
    expect(reconcileReport({ ...next, districts: complete }, previous)).toEqual([]);
    const short = complete.map((r) => (r.districtCode === '130109' ? { ...r, newConfirmed: 45 } : r));
    expect(reconcileReport({ ...next, districts: short }, previous)).toEqual([
      {
        field: 'districts',
        kind: 'districts',
        message: '已填写全部 24 个县（市、区），新增确诊合计 45，少于全市新增 48',
        expected: 48,
        actual: 45,
      },
    ]);
    // Leaving out one development zone makes the same rows partial again: a note, not a mismatch.
    const withoutZone = short.filter((r) => r.districtCode !== '130172');
    expect(reconcileReport({ ...next, districts: withoutZone }, previous).map((i) => [i.severity, i.message])).toEqual([
      ['info', '已填写 23 个县（市、区），新增确诊合计 45，比全市新增 48 少 3：差额应属于未填写的县（市、区）或尚未分到区县'],
    ]);
  });

  it('checks a district cumulative against its previous cumulative plus its new cases, when both are stated', () => {
    const before = {
      ...previous,
      districts: [{ districtCode: '130109', newConfirmed: 80, newAsymptomatic: 18, cumulativeConfirmed: 470, cumulativeAsymptomatic: 180 }],
    };
    const row = { districtCode: '130109', newConfirmed: 48, newAsymptomatic: 10 };
    const at = (cumulativeConfirmed: number | null, cumulativeAsymptomatic: number | null, report: Partial<ReconcilableReport> = {}) =>
      reconcileReport({ ...next, ...report, districts: [{ ...row, cumulativeConfirmed, cumulativeAsymptomatic }] }, before);
    expect(at(518, 190)).toEqual([]);
    expect(at(null, null)).toEqual([]);
    expect(at(517, 190)).toEqual([
      {
        field: 'districts.0.cumulativeConfirmed',
        kind: 'district-cumulative',
        message: '藁城区累计确诊应为 470 + 48 = 518，填写的是 517',
        expected: 518,
        actual: 517,
      },
    ]);
    // Nothing to compare with when the previous report did not state the district's cumulative.
    expect(
      reconcileReport(
        { ...next, districts: [{ ...row, cumulativeConfirmed: 1, cumulativeAsymptomatic: 1 }] },
        { ...previous, districts: [{ ...before.districts[0]!, cumulativeConfirmed: null, cumulativeAsymptomatic: null }] },
      ),
    ).toEqual([]);
  });

  it('lets a district cumulative absorb its unknown share of the city reclassified cases', () => {
    const before = {
      ...previous,
      districts: [{ districtCode: '130109', newConfirmed: 80, newAsymptomatic: 18, cumulativeConfirmed: 470, cumulativeAsymptomatic: 180 }],
    };
    const city = { reclassifiedConfirmed: 3, cumulativeConfirmed: 582, cumulativeAsymptomatic: 210 };
    const at = (cumulativeConfirmed: number, cumulativeAsymptomatic: number) =>
      reconcileReport(
        {
          ...next,
          ...city,
          districts: [{ districtCode: '130109', newConfirmed: 48, newAsymptomatic: 10, cumulativeConfirmed, cumulativeAsymptomatic }],
        },
        before,
      );
    expect(at(518, 190)).toEqual([]);
    expect(at(521, 187)).toEqual([]);
    expect(at(522, 186).map((i) => i.message)).toEqual([
      '藁城区累计确诊应在 518 至 521 之间（470 + 48，再加上全市转确诊 3 例中属于该区县的部分），填写的是 522',
      '藁城区累计无症状应在 187 至 190 之间（180 + 10，再减去全市转确诊 3 例中属于该区县的部分），填写的是 186',
    ]);
  });

  it('checks district rows even for the first report', () => {
    const issues = reconcileReport({ ...next, districts: [{ districtCode: '130109', newConfirmed: 0, newAsymptomatic: 11 }] }, null);
    expect(blockingIssues(issues)).toEqual([
      { field: 'districts', kind: 'districts', message: '各区县新增无症状合计 11，超过全市新增 10', expected: 10, actual: 11 },
    ]);
  });
});
