import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { reconcileReport, type ReconciliationIssue } from './reconcile.ts';
import { reportInput, type ReportInput } from './schema.ts';

export interface ReportDistrictRow {
  districtCode: string;
  districtName: string;
  newConfirmed: number;
  newAsymptomatic: number;
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
}

export interface Report {
  id: string;
  periodStart: string;
  periodEnd: string;
  newConfirmed: number;
  newAsymptomatic: number;
  reclassifiedConfirmed: number | null;
  newDischarged: number | null;
  newDeaths: number | null;
  cumulativeConfirmed: number;
  cumulativeAsymptomatic: number;
  underTreatment: number | null;
  underObservation: number | null;
  reconciliationNote: string | null;
  source: string | null;
  status: string;
  version: number;
  createdAt: string;
  publishedAt: string | null;
  districts: ReportDistrictRow[];
}

type ReportRow = Awaited<ReturnType<typeof selectReports>>[number];

function selectReports(db: Executor) {
  return db.selectFrom('report').selectAll().orderBy('period_end', 'desc').orderBy('created_at', 'desc').execute();
}

async function hydrate(db: Executor, rows: ReportRow[]): Promise<Report[]> {
  if (rows.length === 0) return [];
  const districtRows = await db
    .selectFrom('report_district')
    .innerJoin('district', 'district.code', 'report_district.district_code')
    .select([
      'report_district.report_id',
      'report_district.district_code',
      'district.name as district_name',
      'report_district.new_confirmed',
      'report_district.new_asymptomatic',
      'report_district.cumulative_confirmed',
      'report_district.cumulative_asymptomatic',
    ])
    .where(
      'report_district.report_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('district.sort_order')
    .execute();
  return rows.map((r) => ({
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
    underTreatment: r.under_treatment,
    underObservation: r.under_observation,
    reconciliationNote: r.reconciliation_note,
    source: r.source,
    status: r.status,
    version: r.version,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    districts: districtRows
      .filter((d) => d.report_id === r.id)
      .map((d) => ({
        districtCode: d.district_code,
        districtName: d.district_name,
        newConfirmed: d.new_confirmed,
        newAsymptomatic: d.new_asymptomatic,
        cumulativeConfirmed: d.cumulative_confirmed,
        cumulativeAsymptomatic: d.cumulative_asymptomatic,
      })),
  }));
}

/** Reports, latest period first. */
export async function listReports(db: Executor, filter: { status?: string } = {}): Promise<Report[]> {
  let q = db.selectFrom('report').selectAll().orderBy('period_end', 'desc').orderBy('created_at', 'desc');
  if (filter.status) q = q.where('status', '=', filter.status);
  return hydrate(db, await q.execute());
}

export async function getReport(db: Executor, id: string): Promise<Report> {
  const row = await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`report ${id} not found`);
  return (await hydrate(db, [row]))[0]!;
}

/** The published report whose period ends last at or before `before`. */
export async function previousPublishedReport(db: Executor, before: string): Promise<Report | null> {
  const row = await db
    .selectFrom('report')
    .selectAll()
    .where('status', '=', 'published')
    .where('period_end', '<=', before)
    .orderBy('period_end', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? (await hydrate(db, [row]))[0]! : null;
}

export class ReconciliationError extends InputError {
  override name = 'ReconciliationError';
  readonly issues: ReconciliationIssue[];
  constructor(issues: ReconciliationIssue[]) {
    super('reconciliationNote', `数据未能核对一致，请填写说明：${issues.map((i) => i.message).join('；')}`);
    this.issues = issues;
  }
}

/**
 * Checks a report against the previous published one; returns the issues found.
 * Overlapping periods are refused outright; other mismatches need a written justification.
 */
export async function checkReport(db: Executor, raw: ReportInput): Promise<ReconciliationIssue[]> {
  const input = reportInput.parse(raw);
  const overlapping = await db
    .selectFrom('report')
    .select(['id', 'period_start', 'period_end'])
    .where('status', '=', 'published')
    .where('period_start', '<', input.periodEnd)
    .where('period_end', '>', input.periodStart)
    .executeTakeFirst();
  const issues: ReconciliationIssue[] = [];
  if (overlapping) {
    issues.push({ field: 'periodStart', kind: 'overlap', message: '统计时段与已发布的通报重叠' });
  }
  const previous = await previousPublishedReport(db, input.periodStart);
  issues.push(...reconcileReport(input, previous).filter((i) => i.kind !== 'overlap'));
  return issues;
}

/** Records a report and publishes it (two-person review arrives with the figures workflow). */
export async function publishReport(ctx: WriteContext, raw: ReportInput): Promise<Report> {
  const input = reportInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const districts = new Set((await tx.selectFrom('district').select('code').execute()).map((d) => d.code));
    input.districts.forEach((d, i) => {
      if (!districts.has(d.districtCode)) throw new InputError(`districts.${i}.districtCode`, `未知的区划代码 ${d.districtCode}`);
    });
    const issues = await checkReport(tx, input);
    const overlap = issues.find((i) => i.kind === 'overlap');
    if (overlap) throw new InputError('periodStart', overlap.message);
    if (issues.length > 0 && !input.reconciliationNote) throw new ReconciliationError(issues);
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('report')
      .values({
        id,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        new_confirmed: input.newConfirmed,
        new_asymptomatic: input.newAsymptomatic,
        reclassified_confirmed: input.reclassifiedConfirmed,
        new_discharged: input.newDischarged,
        new_deaths: input.newDeaths,
        cumulative_confirmed: input.cumulativeConfirmed,
        cumulative_asymptomatic: input.cumulativeAsymptomatic,
        under_treatment: input.underTreatment,
        under_observation: input.underObservation,
        reconciliation_note: issues.length > 0 ? input.reconciliationNote : null,
        source: input.source,
        status: 'published',
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        published_at: now,
        published_by: ctx.actor.id,
      })
      .execute();
    for (const d of input.districts) {
      await tx
        .insertInto('report_district')
        .values({
          report_id: id,
          district_code: d.districtCode,
          new_confirmed: d.newConfirmed,
          new_asymptomatic: d.newAsymptomatic,
          cumulative_confirmed: d.cumulativeConfirmed,
          cumulative_asymptomatic: d.cumulativeAsymptomatic,
        })
        .execute();
    }
    const report = await getReport(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'report.publish',
      entityType: 'report',
      entityId: id,
      after: report,
      reason: issues.length > 0 ? input.reconciliationNote : null,
    });
    return report;
  });
}
