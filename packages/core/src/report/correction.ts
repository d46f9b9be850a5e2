// Corrections of published figures: reports, testing rounds and isolation snapshots. Nothing
// published changes silently: a press officer prepares a correction with a reason, a different
// reviewer approves it, and the old value, the new value and the reason are kept and shown publicly
// next to the figure. What differs by kind of item is in one table, CORRECTABLE, below.
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { CorrectionRequestTable } from '../audit/table.ts';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import { getIsolationSnapshot, type StaffIsolationSnapshot } from '../isolation/isolation.ts';
import {
  CORRECTABLE_DISTRICT_FIGURES,
  CORRECTABLE_FIGURES,
  correctionFieldLabel,
  isolationSnapshotCorrectionInput,
  parseDistrictFigure,
  testingRoundCorrectionInput,
  type CorrectionEntityType,
} from '../review/correction-schema.ts';
import { DISTRICT_ROWS } from '../review/figure-rows.ts';
import { REPORT_FIGURE_KEYS } from '../review/figures.ts';
import { assertReviewable, assertVersion, personOf, userNames } from '../review/review.ts';
import {
  approveInput,
  returnInput,
  type ApproveInput,
  type CorrectionStatus,
  type FigureStatus,
  type ReturnInput,
  type ReviewPerson,
} from '../review/schema.ts';
import type { WriteContext } from '../shared/actor.ts';
import { formatAsOf, formatDateTime, formatPeriod } from '../shared/time.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { getTestingRound, type StaffTestingRound } from '../testing-round/testing-round.ts';
import { blockingIssues, reconcileReport, type ReconciliationIssue } from './reconcile.ts';
import { getReport, nextPublishedReport, previousPublishedReport, type Report } from './report.ts';
import { reportCorrectionInput } from './schema.ts';

/** An item as a correction sees it: its figures by key, its status and version. */
type Correctable = { id: string; status: FigureStatus; version: number };

interface CorrectableKind<E extends Correctable> {
  table: 'report' | 'testing_round' | 'isolation_snapshot';
  /** The figure keys that can be corrected, with the column each is stored in. */
  columns: Record<string, string>;
  /** The audit action prefix of the kind. */
  audit: string;
  /** What the item is called in messages ('通报'). */
  noun: string;
  load(db: Executor, id: string): Promise<E>;
  /** How the item is named in the review queue and in the release request. */
  title(item: E): string;
  /** Rules across figures the corrected item must still keep; the message when it does not. */
  check?(item: E): { field: string; message: string } | null;
  /** The column of each correctable figure of its per-district rows (stored as `DISTRICT_ROWS` says). */
  districtColumns: Record<string, string>;
}

/** The sum of a figure over an item's district rows. */
const districtSum = (rows: ReadonlyArray<Record<string, unknown>>, key: string) => rows.reduce((s, d) => s + (Number(d[key]) || 0), 0);

const reportKind: CorrectableKind<Report> = {
  table: 'report',
  columns: {
    newConfirmed: 'new_confirmed',
    newAsymptomatic: 'new_asymptomatic',
    reclassifiedConfirmed: 'reclassified_confirmed',
    newDischarged: 'new_discharged',
    newDeaths: 'new_deaths',
    cumulativeConfirmed: 'cumulative_confirmed',
    cumulativeAsymptomatic: 'cumulative_asymptomatic',
    cumulativeDischarged: 'cumulative_discharged',
    cumulativeDeaths: 'cumulative_deaths',
    cumulativeReleased: 'cumulative_released',
    combinedTotal: 'combined_total',
    underTreatment: 'under_treatment',
    underObservation: 'under_observation',
  },
  audit: 'report',
  noun: '通报',
  // Loaded in any status, so preparing a correction of an unpublished report can say why it is refused.
  load: (db, id) => getReport(db, id, { includeUnpublished: true }),
  title: (r) => `${formatPeriod(r.periodStart, r.periodEnd)}通报`,
  check: (r) => {
    if (REPORT_FIGURE_KEYS.every((k) => r[k] === null)) return { field: 'changes', message: '更正后通报至少保留一项数字' };
    const orphan = r.figurePeriods.find((p) => r[p.figure] === null);
    if (orphan) return { field: orphan.figure, message: '该数字另有统计时段，不能更正为未公布；如确属误填，请退回重新录入' };
    for (const [key, label] of [
      ['newConfirmed', '新增确诊'],
      ['newAsymptomatic', '新增无症状'],
    ] as const) {
      const districts = districtSum(r.districts as unknown as Array<Record<string, unknown>>, key);
      const total = r[key];
      if (r.districts.length > 0 && total !== null && districts > total)
        return { field: key, message: `各区县${label}合计 ${districts} 超过全市 ${r[key]}` };
    }
    return null;
  },
  districtColumns: {
    newConfirmed: 'new_confirmed',
    newAsymptomatic: 'new_asymptomatic',
    cumulativeConfirmed: 'cumulative_confirmed',
    cumulativeAsymptomatic: 'cumulative_asymptomatic',
  },
};

const testingRoundKind: CorrectableKind<StaffTestingRound> = {
  table: 'testing_round',
  columns: {
    collectionPoints: 'collection_points',
    peopleSampled: 'people_sampled',
    peopleSent: 'people_sent',
    resultsOut: 'results_out',
    peopleTested: 'people_tested',
    positives: 'positives',
  },
  audit: 'testing_round',
  noun: '检测轮次',
  load: getTestingRound,
  title: (r) => `第${r.number}轮全员核酸检测${r.stage === 'final' || !r.asOf ? '' : `（截至${formatAsOf(r.asOf)}）`}`,
  check: (r) => {
    const districts = r.districts.reduce((s, d) => s + (d.positives ?? 0), 0);
    if (r.positives !== null && districts > r.positives)
      return { field: 'positives', message: `各区县阳性合计 ${districts} 超过全市 ${r.positives}` };
    const tested = r.districts.reduce((s, d) => s + (d.peopleTested ?? 0), 0);
    if (r.peopleTested !== null && tested > r.peopleTested)
      return { field: 'peopleTested', message: `各区县检测人数合计 ${tested} 超过全市 ${r.peopleTested}` };
    return null;
  },
  districtColumns: { peopleTested: 'people_tested', positives: 'positives' },
};

const isolationKind: CorrectableKind<StaffIsolationSnapshot> = {
  table: 'isolation_snapshot',
  columns: { sites: 'sites', rooms: 'rooms', people: 'people', closeContacts: 'close_contacts', secondaryContacts: 'secondary_contacts' },
  audit: 'isolation',
  noun: '集中隔离情况',
  load: getIsolationSnapshot,
  title: (s) => `集中隔离情况（截至${formatDateTime(s.asOf)}）`,
  districtColumns: { people: 'people' },
};

/** What differs by kind of item: where its figures are stored, how it is loaded and named. */
const CORRECTABLE: { [T in CorrectionEntityType]: CorrectableKind<CorrectedItem<T>> } = {
  report: reportKind,
  testing_round: testingRoundKind,
  isolation_snapshot: isolationKind,
};

/** The item a correction of each kind changes. */
export type CorrectedItem<T extends CorrectionEntityType> = T extends 'report'
  ? Report
  : T extends 'testing_round'
    ? StaffTestingRound
    : StaffIsolationSnapshot;

/** The item a correction changes, as it stands now. */
export function getCorrectedItem(
  db: Executor,
  type: CorrectionEntityType,
  id: string,
): Promise<Report | StaffTestingRound | StaffIsolationSnapshot> {
  return (CORRECTABLE[type] as CorrectableKind<Correctable>).load(db, id) as Promise<Report | StaffTestingRound | StaffIsolationSnapshot>;
}

/** How a corrected item is named: in the review queue and in the release request. */
export async function correctedItemTitle(db: Executor, type: CorrectionEntityType, id: string): Promise<string> {
  const kind = CORRECTABLE[type] as CorrectableKind<Correctable>;
  return kind.title(await kind.load(db, id));
}

export interface CorrectionChange {
  field: string;
  label: string;
  oldValue: number | null;
  newValue: number | null;
}

/** A correction as prepared, waiting for or past review. */
export interface CorrectionRequest {
  id: string;
  /** What kind of item it corrects. */
  entityType: CorrectionEntityType;
  entityId: string;
  /** The item's version it was prepared against; approval refuses it once the item has moved on. */
  entityVersion: number;
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

type RequestRow = Selectable<CorrectionRequestTable>;

function toRequest(r: RequestRow, names: Map<string, string>): CorrectionRequest {
  return {
    id: r.id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityVersion: r.entity_version,
    changes: JSON.parse(r.changes_json) as CorrectionChange[],
    reason: r.reason,
    status: r.status,
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
  filter: { entityType?: CorrectionEntityType; entityId?: string; status?: CorrectionStatus } = {},
): Promise<CorrectionRequest[]> {
  let q = db.selectFrom('correction_request').selectAll().orderBy('prepared_at', 'desc');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const [rows, names] = await Promise.all([q.execute(), userNames(db)]);
  return rows.map((r) => toRequest(r, names));
}

export async function getCorrectionRequest(db: Executor, id: string): Promise<CorrectionRequest> {
  const row = await db.selectFrom('correction_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`correction ${id} not found`);
  return toRequest(row, await userNames(db));
}

/** The item with the changes applied, without writing anything. */
export function applyChanges<E extends object>(item: E, changes: ReadonlyArray<{ field: string; newValue: number | null }>): E {
  const corrected = { ...item } as unknown as Record<string, unknown>;
  for (const c of changes) {
    const path = /^(districts|transfers)\.(\d{6})\.([A-Za-z]+)$/.exec(c.field);
    if (path && Array.isArray(corrected[path[1]!])) {
      const [, rows, code, figure] = path as unknown as [string, string, string, string];
      corrected[rows] = (corrected[rows] as Array<{ districtCode: string }>).map((d) =>
        d.districtCode === code ? { ...d, [figure]: c.newValue } : d,
      );
    } else {
      corrected[c.field] = c.newValue;
    }
  }
  return corrected as E;
}

/** District names by code, for naming per-district figures. */
async function districtNames(db: Executor): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('district').select(['code', 'name']).execute()).map((d) => [d.code, d.name]));
}

const issueKey = (i: ReconciliationIssue) => `${i.kind}|${i.field}|${i.expected ?? ''}|${i.actual ?? ''}`;

/**
 * A corrected cumulative figure must not break the next report's reconciliation silently: the next
 * published report is reconciled against the figures before and after, and the new issues returned.
 */
export async function correctionWarnings(db: Executor, before: Report, after: Report): Promise<CorrectionWarnings> {
  const next = await nextPublishedReport(db, before.periodEnd);
  if (!next || next.id === before.id) return { nextReport: null, warnings: [] };
  // Only when the next report adds to this one: after 1月15日0—12时, the 1月16日 report adds to the
  // full day 1月15日0—24时 once that is published (see `previousPublishedReport`).
  if ((await previousPublishedReport(db, next.periodStart))?.id !== before.id) return { nextReport: null, warnings: [] };
  const had = new Set(reconcileReport(next, before).map(issueKey));
  return {
    nextReport: { id: next.id, periodStart: next.periodStart, periodEnd: next.periodEnd },
    warnings: blockingIssues(reconcileReport(next, after)).filter((i) => !had.has(issueKey(i))),
  };
}

const NO_WARNINGS: CorrectionWarnings = { nextReport: null, warnings: [] };

/** What a correction does to the next published report; only report totals carry over. */
async function warningsOf(db: Executor, type: CorrectionEntityType, before: Correctable, after: Correctable): Promise<CorrectionWarnings> {
  return type === 'report' ? correctionWarnings(db, before as Report, after as Report) : NO_WARNINGS;
}

interface PrepareArgs {
  entityId: string;
  expectedVersion: number;
  changes: ReadonlyArray<{ field: string; newValue: number | null }>;
  reason: string;
}

/** Prepares a correction of any kind of item; it changes nothing until approved. */
async function prepare(
  ctx: WriteContext,
  type: CorrectionEntityType,
  input: PrepareArgs,
): Promise<{ request: CorrectionRequest } & CorrectionWarnings> {
  const kind = CORRECTABLE[type] as CorrectableKind<Correctable>;
  const { idField } = CORRECTABLE_FIGURES[type];
  return inTransaction(ctx.db, async (tx) => {
    const item = await kind.load(tx, input.entityId);
    if (item.status !== 'published') throw new InputError(idField, `只有已发布的${kind.noun}才能更正；未发布的${kind.noun}请在审核中修改`);
    assertVersion(item, input.expectedVersion);
    const pending = await tx
      .selectFrom('correction_request')
      .select('id')
      .where('entity_type', '=', type)
      .where('entity_id', '=', item.id)
      .where('status', '=', 'in_review')
      .executeTakeFirst();
    if (pending) throw new InputError(idField, `该${kind.noun}已有一项更正在等待审核，请待其处理后再提交`);
    const values = item as unknown as Record<string, unknown>;
    const names = await districtNames(tx);
    const rowsKey = CORRECTABLE_DISTRICT_FIGURES[type].rows;
    const rows = (values[rowsKey] ?? []) as Array<Record<string, unknown> & { districtCode: string }>;
    const seen = new Set<string>();
    const changes: CorrectionChange[] = input.changes.map((c, i) => {
      if (seen.has(c.field)) throw new InputError(`changes.${i}.field`, '同一项数字只能更正一次');
      seen.add(c.field);
      const district = parseDistrictFigure(type, c.field);
      let oldValue: number | null;
      if (district) {
        const row = rows.find((d) => d.districtCode === district.districtCode);
        if (!row) {
          const name = names.get(district.districtCode) ?? district.districtCode;
          throw new InputError(
            `changes.${i}.field`,
            `该${kind.noun}没有${name}的分区数据，不能更正；更正只能修改已有的区县数据，不能新增区县`,
          );
        }
        oldValue = (row[district.figure] as number | null | undefined) ?? null;
      } else {
        if (!(c.field in kind.columns)) throw new InputError(`changes.${i}.field`, '这项数字不能更正');
        oldValue = (values[c.field] as number | null | undefined) ?? null;
      }
      if (oldValue === c.newValue) throw new InputError(`changes.${i}.newValue`, `新数值与当前数值（${oldValue ?? '空'}）相同`);
      return { field: c.field, label: correctionFieldLabel(type, c.field, (code) => names.get(code)), oldValue, newValue: c.newValue };
    });
    // Kept in the order the figures are shown: city-wide figures first, then district rows in table order.
    const order: string[] = CORRECTABLE_FIGURES[type].figures.map((f) => f.key);
    const districtOrder = CORRECTABLE_DISTRICT_FIGURES[type].figures.map((f) => f.key);
    const rank = (field: string) => {
      const d = parseDistrictFigure(type, field);
      if (!d) return order.indexOf(field);
      return (
        order.length + rows.findIndex((r) => r.districtCode === d.districtCode) * districtOrder.length + districtOrder.indexOf(d.figure)
      );
    };
    changes.sort((a, b) => rank(a.field) - rank(b.field));
    const corrected = applyChanges(item, changes);
    const broken = kind.check?.(corrected);
    // A rule the item already broke before the correction does not block correcting other figures.
    if (broken && broken.message !== kind.check?.(item)?.message) {
      const i = input.changes.findIndex((c) => c.field === broken.field || c.field.endsWith(`.${broken.field}`));
      throw new InputError(i < 0 ? 'changes' : `changes.${i}.newValue`, broken.message);
    }
    const id = newId();
    await tx
      .insertInto('correction_request')
      .values({
        id,
        entity_type: type,
        entity_id: item.id,
        entity_version: item.version,
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
      action: `${kind.audit}.correction_submit`,
      entityType: type,
      entityId: item.id,
      after: request,
      reason: input.reason,
    });
    return { request, ...(await warningsOf(tx, type, item, corrected)) };
  });
}

/** A press officer prepares a correction of a published item of a kind, named in its input by the kind's `idField`. */
function preparer<S extends z.ZodType<Omit<PrepareArgs, 'entityId'>>>(type: CorrectionEntityType, schema: S) {
  return async (ctx: WriteContext, raw: z.input<S>): Promise<{ request: CorrectionRequest } & CorrectionWarnings> => {
    const input = schema.parse(raw);
    return prepare(ctx, type, { ...input, entityId: (input as Record<string, unknown>)[CORRECTABLE_FIGURES[type].idField] as string });
  };
}

/** A press officer prepares a correction of a published report; it changes nothing until approved. */
export const prepareCorrection = preparer('report', reportCorrectionInput);
/** A press officer prepares a correction of a published testing round. */
export const prepareTestingRoundCorrection = preparer('testing_round', testingRoundCorrectionInput);
/** A press officer prepares a correction of a published isolation snapshot. */
export const prepareIsolationSnapshotCorrection = preparer('isolation_snapshot', isolationSnapshotCorrectionInput);

async function reviewableRequest(ctx: WriteContext, id: string, expectedVersion: number): Promise<CorrectionRequest> {
  const request = await getCorrectionRequest(ctx.db, id);
  // The same rule as every reviewed item: pending, at the version seen, decided by someone else.
  assertReviewable(
    { status: request.status, version: request.version, submittedBy: request.preparedBy?.id ?? null },
    expectedVersion,
    ctx.actor,
    {
      applied: '该更正已生效',
      returned: '该更正已退回；如仍需更正，请重新提交',
    },
  );
  return request;
}

/** An applied correction: the item as it now stands, by kind. */
export type AppliedCorrection = (
  | { entityType: 'report'; entity: Report }
  | { entityType: 'testing_round'; entity: StaffTestingRound }
  | { entityType: 'isolation_snapshot'; entity: StaffIsolationSnapshot }
) & { request: CorrectionRequest; title: string } & CorrectionWarnings;

/**
 * A reviewer, not the one who prepared it, applies a correction of any kind of item: the figures
 * change, the item's version moves on, and each changed figure is recorded with its old value, new
 * value and reason.
 */
export async function approveCorrection(ctx: WriteContext, raw: ApproveInput): Promise<AppliedCorrection> {
  const input = approveInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const request = await reviewableRequest({ ...ctx, db: tx }, input.id, input.expectedVersion);
    const type = request.entityType;
    const kind = CORRECTABLE[type] as CorrectableKind<Correctable>;
    const before = await kind.load(tx, request.entityId);
    if (before.version !== request.entityVersion) {
      throw new ConflictError(`该${kind.noun}在更正提交后已有变动，请退回后按最新数字重新准备更正`, 'expectedVersion');
    }
    if (before.status !== 'published') throw new InputError('id', `只有已发布的${kind.noun}才能更正`);
    const now = ctx.now.toISOString();
    const set: Record<string, number | null> = {};
    const rowsKey = CORRECTABLE_DISTRICT_FIGURES[type].rows;
    for (const c of request.changes) {
      const district = parseDistrictFigure(type, c.field);
      if (!district) {
        set[kind.columns[c.field]!] = c.newValue;
        continue;
      }
      const rows = (before as unknown as Record<string, Array<{ districtCode: string }>>)[rowsKey] ?? [];
      if (!rows.some((d) => d.districtCode === district.districtCode)) {
        throw new ConflictError(`该${kind.noun}已没有区划 ${district.districtCode} 的分区数据，请退回后重新准备更正`, 'expectedVersion');
      }
      const { table, idColumn } = DISTRICT_ROWS[type];
      // The table and columns come from the fixed tables above, never from input.
      await (tx as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .updateTable(table)
        .set({ [kind.districtColumns[district.figure]!]: c.newValue })
        .where(idColumn, '=', before.id)
        .where('district_code', '=', district.districtCode)
        .execute();
    }
    await tx
      .updateTable(kind.table)
      .set({ ...set, version: before.version + 1 })
      .where('id', '=', before.id)
      .execute();
    for (const c of request.changes) {
      await tx
        .insertInto('correction')
        .values({
          id: newId(),
          entity_type: type,
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
    const after = await kind.load(tx, before.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: `${kind.audit}.correct`,
      entityType: type,
      entityId: before.id,
      before,
      after,
      reason: request.reason,
    });
    return {
      entityType: type,
      entity: after,
      title: kind.title(after),
      request: await getCorrectionRequest(tx, request.id),
      ...(await warningsOf(tx, type, before, after)),
    } as AppliedCorrection;
  });
}

/** A reviewer turns a correction of any kind down with a comment; the item stays as it is. */
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
      action: `${CORRECTABLE[request.entityType].audit}.correction_return`,
      entityType: request.entityType,
      entityId: request.entityId,
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
  const names = await districtNames(db);
  return rows.map(({ old_value, new_value, ...r }) => ({
    ...r,
    label: correctionFieldLabel('report', r.field, (code) => names.get(code)),
    oldValue: old_value === null ? null : Number(old_value),
    newValue: new_value === null ? null : Number(new_value),
  }));
}
