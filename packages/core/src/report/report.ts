import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { ReportTable } from './table.ts';
import type { FigureCorrection } from '../review/applied-corrections.ts';
import { figureItems, firstItem } from '../review/figure-rows.ts';
import { REPORT_FIGURE_KEYS, reportFigure, type ReportFigure } from '../review/figures.ts';
import type { FigureStatus } from '../review/schema.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { formatPeriod } from '../shared/time.ts';
import { addedOver, CUMULATIVE_CHECKS, reconcileReport, type ReconcilableReport, type ReconciliationIssue } from './reconcile.ts';
import { reportInput, type ReportInput } from './schema.ts';
import { periodOverlap } from './series.ts';

export interface ReportDistrictRow {
  districtCode: string;
  districtName: string;
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
}

/** A figure stated for a period of its own, not the report's. */
export interface FigurePeriod {
  figure: ReportFigure;
  periodStart: string;
  periodEnd: string;
}

/** A report's figures: each null when the source did not state it. */
export interface Report {
  id: string;
  periodStart: string;
  periodEnd: string;
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  reclassifiedConfirmed: number | null;
  newDischarged: number | null;
  newDeaths: number | null;
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
  cumulativeDischarged: number | null;
  cumulativeDeaths: number | null;
  cumulativeReleased: number | null;
  combinedTotal: number | null;
  /** Current: confirmed cases in hospital at the period's end (现有确诊). */
  underTreatment: number | null;
  /** Current: asymptomatic cases under medical observation at the period's end (现有无症状). */
  underObservation: number | null;
  /** Figures stated for a period of their own, not the report's. */
  figurePeriods: FigurePeriod[];
  reconciliationNote: string | null;
  source: string | null;
  status: FigureStatus;
  version: number;
  createdAt: string;
  publishedAt: string | null;
  districts: ReportDistrictRow[];
  /** Corrections made after publication, oldest first: shown publicly next to the figure. */
  corrections: ReportCorrection[];
}

/** One figure changed after publication: what it was, what it is, and why. */
export type ReportCorrection = FigureCorrection;

export type ReportRow = Selectable<ReportTable>;

export async function hydrate(db: Executor, rows: ReportRow[]): Promise<Report[]> {
  const periods =
    rows.length === 0
      ? []
      : await db
          .selectFrom('report_figure_period')
          .selectAll()
          .where(
            'report_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  // Each report's periods once, in the order of the figures.
  const byReport = new Map<string, FigurePeriod[]>();
  for (const figure of REPORT_FIGURE_KEYS) {
    for (const p of periods.filter((x) => x.figure === figure)) {
      byReport.set(p.report_id, [...(byReport.get(p.report_id) ?? []), { figure, periodStart: p.period_start, periodEnd: p.period_end }]);
    }
  }
  const periodsOf = (id: string): FigurePeriod[] => byReport.get(id) ?? [];
  return figureItems(db, 'report', rows, (r, districts, corrections) => ({
    id: r.id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    newConfirmed: r.new_confirmed,
    newAsymptomatic: r.new_asymptomatic,
    reclassifiedConfirmed: r.reclassified_confirmed,
    newDischarged: r.new_discharged,
    newDeaths: r.new_deaths,
    cumulativeConfirmed: r.cumulative_confirmed,
    cumulativeAsymptomatic: r.cumulative_asymptomatic,
    cumulativeDischarged: r.cumulative_discharged,
    cumulativeDeaths: r.cumulative_deaths,
    cumulativeReleased: r.cumulative_released,
    combinedTotal: r.combined_total,
    underTreatment: r.under_treatment,
    underObservation: r.under_observation,
    figurePeriods: periodsOf(r.id),
    reconciliationNote: r.reconciliation_note,
    source: r.source,
    status: r.status,
    version: r.version,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    districts: districts.map((d) => ({
      districtCode: d.district_code,
      districtName: d.district_name,
      newConfirmed: d.new_confirmed,
      newAsymptomatic: d.new_asymptomatic,
      cumulativeConfirmed: d.cumulative_confirmed,
      cumulativeAsymptomatic: d.cumulative_asymptomatic,
    })),
    corrections,
  }));
}

/** Report rows in one status (every status: null), latest period first. */
export function selectReports(db: Executor, status: FigureStatus | null): Promise<ReportRow[]> {
  let q = db.selectFrom('report').selectAll().orderBy('period_end', 'desc').orderBy('created_at', 'desc');
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

/** Published reports, latest period first; reports in review only when asked for. */
export async function listReports(db: Executor, options: { includeUnpublished?: boolean } = {}): Promise<Report[]> {
  return hydrate(db, await selectReports(db, options.includeUnpublished ? null : 'published'));
}

export async function getReportRow(db: Executor, id: string): Promise<ReportRow> {
  const row = await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`report ${id} not found`);
  return row;
}

/** A published report; one in review only when asked for (as if it did not exist otherwise). */
export async function getReport(db: Executor, id: string, options: { includeUnpublished?: boolean } = {}): Promise<Report> {
  const row = await getReportRow(db, id);
  if (row.status !== 'published' && !options.includeUnpublished) throw new NotFoundError(`report ${id} not found`);
  return (await hydrate(db, [row]))[0]!;
}

/** The published report whose period starts first at or after `after`: the one that follows on. */
export async function nextPublishedReport(db: Executor, after: string): Promise<Report | null> {
  const found = db
    .selectFrom('report')
    .selectAll()
    .where('status', '=', 'published')
    .where('period_start', '>=', after)
    .orderBy('period_start')
    .orderBy('period_end', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return firstItem(db, found, hydrate);
}

/**
 * The previous report of a period starting at `before`: the one whose cumulative counts the
 * period's new cases are added to. The rule:
 *
 * - it is the published report whose period ends last at or before `before`;
 * - a report ending after `before` is never the previous one, even when it starts earlier or at
 *   the same time: for 1月15日0—24时 the previous is the report ending at 1月15日0时 (1月14日0—24时),
 *   not 1月15日0—12时, whose period lies inside the new one (an overlap, shown to be justified);
 * - among reports ending at the same instant (1月15日0—24时 and 1月15日12—24时 both end at
 *   1月16日0时, and state the same cumulative counts), the one with the longest period, then the
 *   latest published.
 */
export async function previousPublishedReport(db: Executor, before: string): Promise<Report | null> {
  const found = db
    .selectFrom('report')
    .selectAll()
    .where('status', '=', 'published')
    .where('period_end', '<=', before)
    .orderBy('period_end', 'desc')
    .orderBy('period_start')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return firstItem(db, found, hydrate);
}

/** How many reports back a cumulative count is looked for (a month and more of daily reports). */
const LOOKBACK_REPORTS = 60;

/**
 * The previous report with the cumulative counts it did not state carried from the last report
 * that did, when every report since follows on without a gap and states the new counts that add
 * to it (1月16日0—24时 states only new counts; 1月15日0—12时 stated 累计确诊 579: the check of
 * 1月17日 counts on from 579). Where the chain breaks, the count stays unstated and the check says
 * it could not be made.
 */
export async function carryCumulatives(db: Executor, previous: Report | null): Promise<(Report & ReconcilableReport) | null> {
  if (!previous) return null;
  const pending = new Set(CUMULATIVE_CHECKS.filter((c) => previous[c.field] === null));
  if (pending.size === 0) return previous;
  const carried: NonNullable<ReconcilableReport['carried']> = {};
  const filled: Report & ReconcilableReport = { ...previous, carried };
  const chain: Report[] = [previous];
  for (let step = 0; step < LOOKBACK_REPORTS && pending.size > 0; step += 1) {
    const cursor = chain[chain.length - 1]!;
    const before = await previousPublishedReport(db, cursor.periodStart);
    if (!before || Date.parse(before.periodEnd) !== Date.parse(cursor.periodStart)) break;
    for (const c of [...pending]) {
      const stated = before[c.field];
      if (stated === null) continue;
      pending.delete(c);
      const added = addedOver(chain, c);
      if (added === null) continue;
      filled[c.field] = stated + added;
      carried[c.field] = { asOf: before.periodEnd, value: stated };
    }
    chain.push(before);
  }
  return filled;
}

export class ReconciliationError extends InputError {
  override name = 'ReconciliationError';
  readonly issues: ReconciliationIssue[];
  constructor(issues: ReconciliationIssue[], lead = '数据未能核对一致，请填写说明') {
    super('reconciliationNote', `${lead}：${issues.map((i) => i.message).join('；')}`);
    this.issues = issues;
  }
}

/** The headline figures a reader looks for first: left empty, the reviewer is told they show as "not stated". */
const HEADLINE_FIGURES = ['newConfirmed', 'newAsymptomatic', 'cumulativeConfirmed', 'cumulativeAsymptomatic'] as const;

/**
 * Checks a report against the previous published one (see `previousPublishedReport`); returns the
 * issues found. A period overlapping a published report is an 'overlap' issue for each such report,
 * naming it and both periods. The normal publishing pattern, a part-day figure (0—12时, from a press
 * conference) and the full-day bulletin (0—24时) of the same day, is two views of one day: the
 * series counts the full day, and the overlap is only shown (`severity: 'info'`). Any other overlap,
 * like the other mismatches, needs a written justification. Headline figures left empty are listed
 * for the reviewer, as information.
 */
export async function checkReport(db: Executor, raw: ReportInput): Promise<ReconciliationIssue[]> {
  const input = reportInput.parse(raw);
  const overlapping = await db
    .selectFrom('report')
    .select(['id', 'period_start', 'period_end'])
    .where('status', '=', 'published')
    .where('period_start', '<', input.periodEnd)
    .where('period_end', '>', input.periodStart)
    .orderBy('period_start')
    .orderBy('period_end')
    .orderBy('id')
    .execute();
  const issues: ReconciliationIssue[] = overlapping.map((o) =>
    overlapIssue(input, { id: o.id, periodStart: o.period_start, periodEnd: o.period_end }),
  );
  const previous = await carryCumulatives(db, await previousPublishedReport(db, input.periodStart));
  const units = await db.selectFrom('district').select(['code', 'name']).orderBy('sort_order').execute();
  issues.push(...reconcileReport(input, previous, units).filter((i) => i.kind !== 'overlap'));
  const unstated = HEADLINE_FIGURES.filter((f) => input[f] === null);
  if (unstated.length > 0) {
    issues.push({
      field: unstated[0]!,
      kind: 'not-stated',
      severity: 'info',
      message: `本期未填写${unstated.map((f) => reportFigure(f).label).join('、')}：公众网站显示为“未公布”，不计为 0`,
    });
  }
  return issues;
}

/** An overlap with a published report: both periods, how they overlap, and what the daily series does with it. */
function overlapIssue(
  input: { periodStart: string; periodEnd: string },
  other: { id: string; periodStart: string; periodEnd: string },
): ReconciliationIssue {
  const mine = formatPeriod(input.periodStart, input.periodEnd);
  const theirs = formatPeriod(other.periodStart, other.periodEnd);
  const overlap = periodOverlap(input, other);
  const how = {
    same: `本期${mine}与已发布的${theirs}通报时段相同`,
    contains: `本期${mine}包含已发布的${theirs}通报的时段`,
    within: `本期${mine}在已发布的${theirs}通报的时段之内`,
    partial: `本期${mine}与已发布的${theirs}通报部分重叠`,
  }[overlap?.relation ?? 'partial'];
  const effect = !overlap?.nested
    ? '每日新增统计中，两期截止的日期均不计新增数'
    : overlap.relation === 'contains'
      ? `每日新增按本期计，不再计入${theirs}的新增`
      : `每日新增按${theirs}计，不计本期新增`;
  return {
    field: 'periodStart',
    kind: 'overlap',
    ...(overlap?.nested ? { severity: 'info' as const } : {}),
    message: `统计时段与已发布的通报重叠：${how}；${effect}`,
    overlaps: other,
  };
}
