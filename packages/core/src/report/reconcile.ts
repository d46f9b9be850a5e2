// Reconciliation of a report against the previous one: browser-safe, run as the press officer types
// and again on the server before saving.
import { SHIJIAZHUANG_DISTRICTS } from '../district/shijiazhuang.ts';
import { formatAsOf } from '../shared/time.ts';

export interface ReconcilableDistrictRow {
  districtCode: string;
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  cumulativeConfirmed?: number | null;
  cumulativeAsymptomatic?: number | null;
}

/** A report's figures as the checks read them: null where the source did not state a figure. */
export interface ReconcilableReport {
  periodStart: string;
  periodEnd: string;
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  reclassifiedConfirmed: number | null;
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
  newDischarged?: number | null;
  newDeaths?: number | null;
  cumulativeDischarged?: number | null;
  cumulativeDeaths?: number | null;
  /** Figures stated for a period of their own: not checked against the report's period. */
  figurePeriods?: ReadonlyArray<{ figure: string }>;
  districts?: ReadonlyArray<ReconcilableDistrictRow>;
  /**
   * A cumulative count this report did not state, carried from the last report that did: where
   * (the end of that report's period) and what it was; the count given in the field is that
   * count plus the new ones of every report since, this one included (see `carryCumulatives`).
   */
  carried?: Partial<Record<CumulativeField, { asOf: string; value: number }>>;
}

/** The cumulative counts the checks follow from report to report, with the new count each adds. */
export const CUMULATIVE_CHECKS = [
  { field: 'cumulativeConfirmed', label: '累计确诊', added: 'newConfirmed', reclassified: +1 },
  { field: 'cumulativeAsymptomatic', label: '累计无症状感染者', added: 'newAsymptomatic', reclassified: -1 },
  { field: 'cumulativeDischarged', label: '累计出院', added: 'newDischarged', reclassified: 0 },
  { field: 'cumulativeDeaths', label: '累计死亡', added: 'newDeaths', reclassified: 0 },
] as const;
export type CumulativeField = (typeof CUMULATIVE_CHECKS)[number]['field'];

/**
 * What a chain of reports following on without gaps adds to a cumulative count: the new counts
 * of each (with the reclassified cases moved); null when one of them did not state what it needs,
 * or stated it for a period of its own.
 */
export function addedOver(chain: readonly ReconcilableReport[], check: (typeof CUMULATIVE_CHECKS)[number]): number | null {
  let total = 0;
  for (const r of chain) {
    const own = new Set((r.figurePeriods ?? []).map((p) => p.figure));
    const added = r[check.added];
    if (added == null || own.has(check.added) || (check.reclassified !== 0 && own.has('reclassifiedConfirmed'))) return null;
    total += added + check.reclassified * (r.reclassifiedConfirmed ?? 0);
  }
  return total;
}

export interface ReconciliationIssue {
  /** Field the mismatch is shown on. */
  field: string;
  kind: 'cumulative' | 'districts' | 'district-cumulative' | 'gap' | 'overlap' | 'not-stated';
  /**
   * 'info': shown to be checked, but neither blocks nor needs a written justification. Absent: a
   * mismatch to fix or to justify.
   */
  severity?: 'info';
  message: string;
  expected?: number;
  actual?: number;
  /** For an 'overlap': the published report whose period this one overlaps. */
  overlaps?: { id: string; periodStart: string; periodEnd: string };
}

/** The county-level units that report their own cases, with names for the messages. */
export interface ReportingUnit {
  code: string;
  name: string;
}

const NEW_LABELS: Record<string, string> = {
  newConfirmed: '新增确诊',
  newAsymptomatic: '新增无症状感染者',
  newDischarged: '新增出院',
  newDeaths: '新增死亡',
};

/** The issues that need fixing or a justification (those that are not informational). */
export const blockingIssues = (issues: readonly ReconciliationIssue[]): ReconciliationIssue[] =>
  issues.filter((i) => i.severity !== 'info');

/**
 * Compares a report with the previous published one, like with like: a cumulative count with the
 * previous cumulative count of the same figure plus this period's new count; current figures (in
 * hospital, under observation) are not compared, since they rise and fall. Cumulative confirmed must
 * equal the previous plus new confirmed plus reclassified; cumulative asymptomatic the previous plus
 * new minus those reclassified; cumulative discharged and deaths the previous plus the new ones. A
 * check is made only when every figure it needs was stated, and a new count stated for a period of
 * its own is not added to the report's. Across a gap the difference is only shown: the cases of the
 * missing hours are in neither report, and the gap itself needs the justification. Periods must follow on without overlap or gap. District rows
 * are checked as `reconcileDistricts` says. `units` are the county-level units that report (default:
 * Shijiazhuang's).
 *
 * `previous` is the report whose cumulative counts this one adds to: the published report ending
 * last at or before this one's start (see `previousPublishedReport`), never one that ends after it
 * starts. For 1月15日0—24时 that is the report ending at 1月15日0时, even when 1月15日0—12时 has
 * been published since. Overlaps with any published report, not only the previous one, are found
 * by `checkReport`.
 */
export function reconcileReport(
  report: ReconcilableReport,
  previous: ReconcilableReport | null,
  units: readonly ReportingUnit[] = SHIJIAZHUANG_DISTRICTS,
): ReconciliationIssue[] {
  const issues: ReconciliationIssue[] = [];
  const reclassified = report.reclassifiedConfirmed ?? 0;
  // Compared as instants: the same moment may be written with different offsets.
  const gap = previous !== null && Date.parse(report.periodStart) > Date.parse(previous.periodEnd);
  if (previous) {
    if (Date.parse(report.periodStart) < Date.parse(previous.periodEnd)) {
      issues.push({ field: 'periodStart', kind: 'overlap', message: '统计时段与上一期通报重叠' });
    } else if (gap) {
      issues.push({ field: 'periodStart', kind: 'gap', message: '统计时段与上一期通报之间有空档' });
    }
    const ownPeriod = new Set((report.figurePeriods ?? []).map((p) => p.figure));
    for (const c of CUMULATIVE_CHECKS) {
      const actual = report[c.field];
      const prior = previous[c.field];
      const added = report[c.added];
      if (actual == null) continue;
      // Not checked is said, never silent: the previous report or this one did not state what the check needs.
      const missing = prior == null ? `上一期通报未公布${c.label}` : added == null ? `本期未公布${NEW_LABELS[c.added]}` : null;
      if (missing || ownPeriod.has(c.added) || (c.reclassified !== 0 && ownPeriod.has('reclassifiedConfirmed'))) {
        issues.push({
          field: c.field,
          kind: 'cumulative',
          severity: 'info',
          message: `${missing ?? `${NEW_LABELS[c.added]}另有统计时段`}，${c.label}未能与上一期核对`,
        });
        continue;
      }
      if (prior == null || added == null) continue;
      const moved = c.reclassified * reclassified;
      const expected = prior + added + moved;
      if (actual === expected) continue;
      const shown = moved > 0 ? ` + ${moved}` : moved < 0 ? ` − ${-moved}` : '';
      // The previous report did not state it: counted on from the last one that did.
      const carried = previous.carried?.[c.field];
      const from = carried
        ? `（上一期未公布${c.label}；${formatAsOf(carried.asOf)}公布的 ${carried.value} 加此后各期新增为 ${prior}）`
        : '';
      // Across a gap the cases of the missing hours are in neither report: the difference is shown,
      // and the gap is what needs the justification.
      issues.push({
        field: c.field,
        kind: 'cumulative',
        ...(gap ? { severity: 'info' as const } : {}),
        message: gap
          ? `跨越空档，${c.label}无法与上一期直接核对：上一期 ${prior} + 本期 ${added}${shown} = ${expected}，填写的是 ${actual}（相差 ${actual - expected}，应为空档内的变化）`
          : `${c.label}应为 ${prior} + ${added}${shown} = ${expected}，填写的是 ${actual}${from}`,
        expected,
        actual,
      });
    }
  }
  issues.push(...reconcileDistricts(report, previous, units, gap));
  return issues;
}

/**
 * District rows are optional, and an official report often lists only the districts with cases,
 * so a sum below the city total means something only when every unit is listed:
 *
 * - rows adding up to MORE than the city total: always a mismatch;
 * - rows for EVERY reporting unit (all county-level units, the two development zones included,
 *   since they report their cases separately; a unit without cases listed as 0) adding up to
 *   LESS than the city total: a mismatch, the missing cases belong nowhere;
 * - rows for only some units adding up to less: an informational note naming the difference,
 *   which the unlisted units (or cases not yet assigned to a district) account for;
 * - a row stating a district's cumulative count, when the previous report stated it too: it
 *   must be the previous cumulative plus the row's new cases. The city's reclassified cases are
 *   not split by district, so while there are any the district's cumulative confirmed may be up
 *   to that many higher, and its cumulative asymptomatic up to that many lower.
 */
function reconcileDistricts(
  report: ReconcilableReport,
  previous: ReconcilableReport | null,
  units: readonly ReportingUnit[],
  gap: boolean,
) {
  const issues: ReconciliationIssue[] = [];
  const rows = report.districts ?? [];
  if (rows.length === 0) return issues;
  const listed = new Set(rows.map((d) => d.districtCode));
  const everyUnit = units.length > 0 && units.every((u) => listed.has(u.code));
  const covered = units.filter((u) => listed.has(u.code)).length;
  for (const [what, pick] of [
    ['新增确诊', (r: { newConfirmed: number | null }) => r.newConfirmed],
    ['新增无症状', (r: { newAsymptomatic: number | null }) => r.newAsymptomatic],
  ] as const) {
    const total = pick(report);
    const stated = rows.filter((d) => pick(d) !== null);
    if (total === null || stated.length === 0) continue;
    const sum = stated.reduce((s, d) => s + pick(d)!, 0);
    // A row that does not state this figure: the listed units cannot account for the whole city.
    const complete = everyUnit && stated.length === rows.length;
    if (sum > total) {
      issues.push({
        field: 'districts',
        kind: 'districts',
        message: `各区县${what}合计 ${sum}，超过全市${what.slice(0, 2)} ${total}`,
        expected: total,
        actual: sum,
      });
    } else if (sum < total && complete) {
      issues.push({
        field: 'districts',
        kind: 'districts',
        message: `已填写全部 ${units.length} 个县（市、区），${what}合计 ${sum}，少于全市${what.slice(0, 2)} ${total}`,
        expected: total,
        actual: sum,
      });
    } else if (sum < total) {
      issues.push({
        field: 'districts',
        kind: 'districts',
        severity: 'info',
        message: `已填写 ${covered} 个县（市、区），${what}合计 ${sum}，比全市${what.slice(0, 2)} ${total} 少 ${total - sum}：差额应属于未填写的县（市、区）或尚未分到区县`,
        expected: total,
        actual: sum,
      });
    }
  }

  const reclassified = report.reclassifiedConfirmed ?? 0;
  const nameOf = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  rows.forEach((row, i) => {
    const before = previous?.districts?.find((d) => d.districtCode === row.districtCode);
    if (!before) return;
    const checks = [
      { key: 'cumulativeConfirmed', label: '累计确诊', added: row.newConfirmed, slack: [0, reclassified], adjust: '加上' },
      { key: 'cumulativeAsymptomatic', label: '累计无症状', added: row.newAsymptomatic, slack: [-reclassified, 0], adjust: '减去' },
    ] as const;
    for (const c of checks) {
      const actual = row[c.key];
      const prior = before[c.key];
      if (actual == null || prior == null || c.added === null) continue;
      const expected = prior + c.added;
      const [low, high] = [expected + c.slack[0], expected + c.slack[1]];
      if (actual >= low && actual <= high) continue;
      const should =
        low === high
          ? `应为 ${prior} + ${c.added} = ${expected}`
          : `应在 ${low} 至 ${high} 之间（${prior} + ${c.added}，再${c.adjust}全市转确诊 ${reclassified} 例中属于该区县的部分）`;
      issues.push({
        field: `districts.${i}.${c.key}`,
        kind: 'district-cumulative',
        // Across a gap, as for the city's totals, the difference is only shown.
        ...(gap ? { severity: 'info' as const } : {}),
        message: `${gap ? '跨越空档，' : ''}${nameOf(row.districtCode)}${c.label}${should}，填写的是 ${actual}`,
        expected,
        actual,
      });
    }
  });
  return issues;
}
