// Reconciliation of a report against the previous one: browser-safe, run as the press officer types
// and again on the server before saving.

export interface ReconcilableReport {
  periodStart: string;
  periodEnd: string;
  newConfirmed: number;
  newAsymptomatic: number;
  reclassifiedConfirmed: number | null;
  cumulativeConfirmed: number;
  cumulativeAsymptomatic: number;
  districts?: ReadonlyArray<{ districtCode: string; newConfirmed: number; newAsymptomatic: number }>;
}

export interface ReconciliationIssue {
  /** Field the mismatch is shown on. */
  field: string;
  kind: 'cumulative' | 'districts' | 'gap' | 'overlap';
  message: string;
  expected?: number;
  actual?: number;
}

/**
 * Compares a report with the previous published one. Cumulative confirmed must equal the previous
 * plus new confirmed plus reclassified; cumulative asymptomatic the previous plus new minus those
 * reclassified. Periods must follow on without overlap or gap; district rows must not exceed totals.
 */
export function reconcileReport(report: ReconcilableReport, previous: ReconcilableReport | null): ReconciliationIssue[] {
  const issues: ReconciliationIssue[] = [];
  const reclassified = report.reclassifiedConfirmed ?? 0;
  if (previous) {
    if (report.periodStart < previous.periodEnd) {
      issues.push({ field: 'periodStart', kind: 'overlap', message: '统计时段与上一期通报重叠' });
    } else if (report.periodStart > previous.periodEnd) {
      issues.push({ field: 'periodStart', kind: 'gap', message: '统计时段与上一期通报之间有空档' });
    }
    const expectedConfirmed = previous.cumulativeConfirmed + report.newConfirmed + reclassified;
    if (report.cumulativeConfirmed !== expectedConfirmed) {
      issues.push({
        field: 'cumulativeConfirmed',
        kind: 'cumulative',
        message: `累计确诊应为 ${previous.cumulativeConfirmed} + ${report.newConfirmed}${reclassified ? ` + ${reclassified}` : ''} = ${expectedConfirmed}，填写的是 ${report.cumulativeConfirmed}`,
        expected: expectedConfirmed,
        actual: report.cumulativeConfirmed,
      });
    }
    const expectedAsymptomatic = previous.cumulativeAsymptomatic + report.newAsymptomatic - reclassified;
    if (report.cumulativeAsymptomatic !== expectedAsymptomatic) {
      issues.push({
        field: 'cumulativeAsymptomatic',
        kind: 'cumulative',
        message: `累计无症状感染者应为 ${previous.cumulativeAsymptomatic} + ${report.newAsymptomatic}${reclassified ? ` − ${reclassified}` : ''} = ${expectedAsymptomatic}，填写的是 ${report.cumulativeAsymptomatic}`,
        expected: expectedAsymptomatic,
        actual: report.cumulativeAsymptomatic,
      });
    }
  }
  const rows = report.districts ?? [];
  if (rows.length > 0) {
    const confirmed = rows.reduce((s, d) => s + d.newConfirmed, 0);
    const asymptomatic = rows.reduce((s, d) => s + d.newAsymptomatic, 0);
    if (confirmed > report.newConfirmed) {
      issues.push({
        field: 'districts',
        kind: 'districts',
        message: `各区县新增确诊合计 ${confirmed}，超过全市新增 ${report.newConfirmed}`,
        expected: report.newConfirmed,
        actual: confirmed,
      });
    }
    if (asymptomatic > report.newAsymptomatic) {
      issues.push({
        field: 'districts',
        kind: 'districts',
        message: `各区县新增无症状合计 ${asymptomatic}，超过全市新增 ${report.newAsymptomatic}`,
        expected: report.newAsymptomatic,
        actual: asymptomatic,
      });
    }
  }
  return issues;
}
