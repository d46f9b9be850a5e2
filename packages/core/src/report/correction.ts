// Corrections of published reports. Nothing published changes silently: a press officer prepares a
// correction with a reason, a different reviewer approves it, and the old value, the new value and
// the reason are kept and shown publicly next to the figure.
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import { FIGURE_LABELS, REPORT_FIGURES, type ReportFigure } from '../review/figures.ts';
import { assertOtherPerson, assertVersion, personOf, userNames } from '../review/review.ts';
import { approveInput, returnInput, type ApproveInput, type ReturnInput, type ReviewPerson } from '../review/schema.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { reconcileReport, type ReconciliationIssue } from './reconcile.ts';
import { getReport, nextPublishedReport, type Report } from './report.ts';
import { reportCorrectionInput, type ReportCorrectionInput } from './schema.ts';

export const CORRECTION_STATUSES = ['in_review', 'applied', 'returned'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

const COLUMNS: Record<ReportFigure, string> = {
  newConfirmed: 'new_confirmed',
  newAsymptomatic: 'new_asymptomatic',
  reclassifiedConfirmed: 'reclassified_confirmed',
  newDischarged: 'new_discharged',
  newDeaths: 'new_deaths',
  cumulativeConfirmed: 'cumulative_confirmed',
  cumulativeAsymptomatic: 'cumulative_asymptomatic',
  underTreatment: 'under_treatment',
  underObservation: 'under_observation',
};

export interface CorrectionChange {
  field: ReportFigure;
  label: string;
  oldValue: number | null;
  newValue: number | null;
}

/** A correction as prepared, waiting for or past review. */
export interface CorrectionRequest {
  id: string;
  reportId: string;
  /** The report version it was prepared against; approval refuses it once the report has moved on. */
  reportVersion: number;
  changes: CorrectionChange[];
  reason: string;
  status: CorrectionStatus;
  version: number;
  preparedAt: string;
  preparedBy: ReviewPerson | null;
  reviewedAt: string | null;
  reviewedBy: ReviewPerson | null;
  reviewComment: string | null;
}

/** What a correction does to the reconciliation of the next published report. */
export interface CorrectionWarnings {
  nextReport: { id: string; periodStart: string; periodEnd: string } | null;
  /** Issues of the next report against the corrected figures that it did not have before. */
  warnings: ReconciliationIssue[];
}

type RequestRow = Awaited<ReturnType<typeof selectRequests>>[number];
function selectRequests(db: Executor) {
  return db.selectFrom('correction_request').selectAll().orderBy('prepared_at', 'desc').execute();
}

function toRequest(r: RequestRow, names: Map<string, string>): CorrectionRequest {
  return {
    id: r.id,
    reportId: r.entity_id,
    reportVersion: r.entity_version,
    changes: JSON.parse(r.changes_json) as CorrectionChange[],
    reason: r.reason,
    status: r.status as CorrectionStatus,
    version: r.version,
    preparedAt: r.prepared_at,
    preparedBy: personOf(r.prepared_by, names),
    reviewedAt: r.reviewed_at,
    reviewedBy: personOf(r.reviewed_by, names),
    reviewComment: r.review_comment,
  };
}

export async function listCorrectionRequests(
  db: Executor,
  filter: { reportId?: string; status?: CorrectionStatus } = {},
): Promise<CorrectionRequest[]> {
  let q = db.selectFrom('correction_request').selectAll().where('entity_type', '=', 'report').orderBy('prepared_at', 'desc');
  if (filter.reportId) q = q.where('entity_id', '=', filter.reportId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const [rows, names] = await Promise.all([q.execute(), userNames(db)]);
  return rows.map((r) => toRequest(r, names));
}

export async function getCorrectionRequest(db: Executor, id: string): Promise<CorrectionRequest> {
  const row = await db.selectFrom('correction_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`correction ${id} not found`);
  return toRequest(row, await userNames(db));
}

/** The report with the changes applied, without writing anything. */
export function applyChanges(report: Report, changes: ReadonlyArray<{ field: ReportFigure; newValue: number | null }>): Report {
  const corrected: Report = { ...report };
  for (const c of changes) (corrected as unknown as Record<string, number | null>)[c.field] = c.newValue;
  return corrected;
}

const issueKey = (i: ReconciliationIssue) => `${i.kind}|${i.field}|${i.expected ?? ''}|${i.actual ?? ''}`;

/**
 * A corrected cumulative figure must not break the next report's reconciliation silently: the next
 * published report is reconciled against the figures before and after, and the new issues returned.
 */
export async function correctionWarnings(db: Executor, before: Report, after: Report): Promise<CorrectionWarnings> {
  const next = await nextPublishedReport(db, before.periodEnd);
  if (!next || next.id === before.id) return { nextReport: null, warnings: [] };
  const had = new Set(reconcileReport(next, before).map(issueKey));
  return {
    nextReport: { id: next.id, periodStart: next.periodStart, periodEnd: next.periodEnd },
    warnings: reconcileReport(next, after).filter((i) => !had.has(issueKey(i))),
  };
}

/** A press officer prepares a correction of a published report; it changes nothing until approved. */
export async function prepareCorrection(
  ctx: WriteContext,
  raw: ReportCorrectionInput,
): Promise<{ request: CorrectionRequest } & CorrectionWarnings> {
  const input = reportCorrectionInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const report = await getReport(tx, input.reportId);
    if (report.status !== 'published') throw new InputError('reportId', '只有已发布的通报才能更正；未发布的通报请在审核中修改');
    assertVersion(report, input.expectedVersion);
    const pending = await tx
      .selectFrom('correction_request')
      .select('id')
      .where('entity_type', '=', 'report')
      .where('entity_id', '=', report.id)
      .where('status', '=', 'in_review')
      .executeTakeFirst();
    if (pending) throw new InputError('reportId', '该通报已有一项更正在等待审核，请待其处理后再提交');
    const changes: CorrectionChange[] = input.changes.map((c, i) => {
      const oldValue = report[c.field];
      if (oldValue === c.newValue) throw new InputError(`changes.${i}.newValue`, `新数值与当前数值（${oldValue ?? '空'}）相同`);
      return { field: c.field, label: FIGURE_LABELS[c.field]!, oldValue, newValue: c.newValue };
    });
    // Kept in the order the figures are shown.
    const order = REPORT_FIGURES.map((f) => f.key as string);
    changes.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    const id = newId();
    await tx
      .insertInto('correction_request')
      .values({
        id,
        entity_type: 'report',
        entity_id: report.id,
        entity_version: report.version,
        changes_json: JSON.stringify(changes),
        reason: input.reason,
        status: 'in_review',
        version: 1,
        prepared_at: ctx.now.toISOString(),
        prepared_by: ctx.actor.id,
        reviewed_at: null,
        reviewed_by: null,
        review_comment: null,
      })
      .execute();
    const request = await getCorrectionRequest(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'report.correction_submit',
      entityType: 'report',
      entityId: report.id,
      after: request,
      reason: input.reason,
    });
    return { request, ...(await correctionWarnings(tx, report, applyChanges(report, changes))) };
  });
}

async function reviewableRequest(ctx: WriteContext, id: string, expectedVersion: number): Promise<CorrectionRequest> {
  const request = await getCorrectionRequest(ctx.db, id);
  assertVersion(request, expectedVersion);
  if (request.status === 'applied') throw new InputError('id', '该更正已生效');
  if (request.status === 'returned') throw new InputError('id', '该更正已退回；如仍需更正，请重新提交');
  assertOtherPerson(request.preparedBy?.id ?? null, ctx.actor);
  return request;
}

/**
 * A reviewer, not the one who prepared it, applies a correction: the figures change, the report's
 * version moves on, and each changed figure is recorded with its old value, new value and reason.
 */
export async function approveCorrection(
  ctx: WriteContext,
  raw: ApproveInput,
): Promise<{ report: Report; request: CorrectionRequest } & CorrectionWarnings> {
  const input = approveInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const request = await reviewableRequest({ ...ctx, db: tx }, input.id, input.expectedVersion);
    const before = await getReport(tx, request.reportId);
    if (before.version !== request.reportVersion) {
      throw new ConflictError('该通报在更正提交后已有变动，请退回后按最新数字重新准备更正', 'expectedVersion');
    }
    if (before.status !== 'published') throw new InputError('id', '只有已发布的通报才能更正');
    const now = ctx.now.toISOString();
    const set: Record<string, number | null> = {};
    for (const c of request.changes) set[COLUMNS[c.field]] = c.newValue;
    await tx
      .updateTable('report')
      .set({ ...set, version: before.version + 1 })
      .where('id', '=', before.id)
      .execute();
    for (const c of request.changes) {
      await tx
        .insertInto('correction')
        .values({
          id: newId(),
          entity_type: 'report',
          entity_id: before.id,
          field: c.field,
          old_value: c.oldValue === null ? null : String(c.oldValue),
          new_value: c.newValue === null ? null : String(c.newValue),
          reason: request.reason,
          corrected_at: now,
          corrected_by: ctx.actor.id,
          prepared_by: request.preparedBy?.id ?? null,
          request_id: request.id,
        })
        .execute();
    }
    await tx
      .updateTable('correction_request')
      .set({ status: 'applied', version: request.version + 1, reviewed_at: now, reviewed_by: ctx.actor.id })
      .where('id', '=', request.id)
      .execute();
    const after = await getReport(tx, before.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'report.correct',
      entityType: 'report',
      entityId: before.id,
      before,
      after,
      reason: request.reason,
    });
    return { report: after, request: await getCorrectionRequest(tx, request.id), ...(await correctionWarnings(tx, before, after)) };
  });
}

/** A reviewer turns a correction down with a comment; the report stays as it is. */
export async function returnCorrection(ctx: WriteContext, raw: ReturnInput): Promise<CorrectionRequest> {
  const input = returnInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const request = await reviewableRequest({ ...ctx, db: tx }, input.id, input.expectedVersion);
    const now = ctx.now.toISOString();
    await tx
      .updateTable('correction_request')
      .set({ status: 'returned', version: request.version + 1, reviewed_at: now, reviewed_by: ctx.actor.id, review_comment: input.comment })
      .where('id', '=', request.id)
      .execute();
    const after = await getCorrectionRequest(tx, request.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'report.correction_return',
      entityType: 'report',
      entityId: request.reportId,
      before: request,
      after,
      reason: input.comment,
    });
    return after;
  });
}

/** Every applied correction, newest first: the public changelog of figures. */
export async function listReportCorrections(db: Executor) {
  const rows = await db
    .selectFrom('correction')
    .innerJoin('report', 'report.id', 'correction.entity_id')
    .select([
      'correction.entity_id as reportId',
      'report.period_start as periodStart',
      'report.period_end as periodEnd',
      'correction.field',
      'correction.old_value',
      'correction.new_value',
      'correction.reason',
      'correction.corrected_at as correctedAt',
    ])
    .where('correction.entity_type', '=', 'report')
    .orderBy('correction.corrected_at', 'desc')
    .orderBy('correction.field')
    .execute();
  return rows.map(({ old_value, new_value, ...r }) => ({
    ...r,
    label: FIGURE_LABELS[r.field] ?? r.field,
    oldValue: old_value === null ? null : Number(old_value),
    newValue: new_value === null ? null : Number(new_value),
  }));
}
