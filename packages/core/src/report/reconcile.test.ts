import { describe, expect, it } from 'vitest';
import { reconcileReport, type ReconcilableReport } from './reconcile.ts';

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
    // Rows that add up to less than the total are fine: not every case is assigned to a district yet.
    expect(reconcileReport({ ...next, districts: [{ districtCode: '130109', newConfirmed: 40, newAsymptomatic: 10 }] }, previous)).toEqual([]);
  });

  it('checks district rows even for the first report', () => {
    const issues = reconcileReport({ ...next, districts: [{ districtCode: '130109', newConfirmed: 0, newAsymptomatic: 11 }] }, null);
    expect(issues).toEqual([
      { field: 'districts', kind: 'districts', message: '各区县新增无症状合计 11，超过全市新增 10', expected: 10, actual: 11 },
    ]);
  });
});
