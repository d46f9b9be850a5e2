import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Actor, WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { inTransaction } from '../shared/tx.ts';
import type { ReviewPerson, ReviewState, ReviewStatus } from './schema.ts';

/** The review columns shared by report, testing_round and isolation_snapshot. */
export interface ReviewColumns {
  status: string;
  version: number;
  created_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_comment: string | null;
}

export type ReviewedTable = 'report' | 'testing_round' | 'isolation_snapshot';

/** Display names of every user, to name submitters and reviewers (a city has a handful of staff). */
export async function userNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function personOf(id: string | null, names: Map<string, string>): ReviewPerson | null {
  return id === null ? null : { id, name: names.get(id) ?? '（未知用户）' };
}

export function reviewStateOf(row: ReviewColumns, names: Map<string, string>): ReviewState {
  return {
    status: row.status as ReviewStatus,
    version: row.version,
    submittedAt: row.submitted_at,
    // Rows published before review existed name their creator as the submitter.
    submittedBy: personOf(row.submitted_by ?? row.created_by, names),
    reviewedAt: row.reviewed_at,
    reviewedBy: personOf(row.reviewed_by, names),
    reviewComment: row.review_comment,
  };
}

export function assertVersion(row: { version: number }, expected: number): void {
  if (row.version !== expected) {
    throw new ConflictError(`该内容已被其他人处理（当前版本 ${row.version}，你看到的是版本 ${expected}），请刷新后重试`, 'expectedVersion');
  }
}

/**
 * The one rule of two-person review: whoever submitted (or prepared) an item cannot also approve or
 * return it. Compared by user id, so it holds even if one person were ever given both roles; an
 * actor without an id (the system) is never taken for a different person.
 */
export function assertOtherPerson(submittedBy: string | null, actor: Actor): void {
  if (actor.id === null || actor.id === submittedBy) {
    throw new PermissionError('本人提交的内容需由其他审核人员批准');
  }
}

/** An approval or a return: only of an item waiting for review, at the version the reviewer saw. */
export function assertReviewable(row: ReviewColumns, expectedVersion: number, actor: Actor): void {
  assertVersion(row, expectedVersion);
  if (row.status === 'returned') throw new InputError('id', '该内容已退回，须由新闻发布员修改后重新提交');
  if (row.status === 'published') throw new InputError('id', '该内容已发布；如需修改，请提交更正');
  if (row.status !== 'in_review') throw new InputError('id', '该内容不在待审核状态');
  assertOtherPerson(row.submitted_by ?? row.created_by, actor);
}

/** A resubmission: only of a returned item, at the version the press officer edited. */
export function assertResubmittable(row: ReviewColumns, expectedVersion: number): void {
  assertVersion(row, expectedVersion);
  if (row.status === 'published') throw new InputError('id', '已发布的内容不能重新提交；如需修改，请提交更正');
  if (row.status === 'in_review') throw new InputError('id', '该内容正在审核中，退回后才能修改');
  if (row.status !== 'returned') throw new InputError('id', '该内容不能重新提交');
}

/** How one kind of reviewed item is read, and what its audit entries are called. */
export interface ReviewedKind<T> {
  table: ReviewedTable;
  /** Prefix of its audit actions ('report' → 'report.approve'). */
  auditPrefix: string;
  row(db: Executor, id: string): Promise<ReviewColumns>;
  load(db: Executor, id: string): Promise<T>;
  /** Checks a kind adds before publishing (a report's reconciliation against the latest one). */
  beforeApprove?(db: Executor, item: T): Promise<void>;
}

/**
 * A reviewer's decision on an item waiting for review: approve publishes it, return sends it back
 * with a comment. Both bump the version and are audited in the same transaction.
 */
export async function decideReview<T>(
  ctx: WriteContext,
  kind: ReviewedKind<T>,
  input: { id: string; expectedVersion: number } & ({ decision: 'approve' } | { decision: 'return'; comment: string }),
): Promise<T> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await kind.row(tx, input.id);
    assertReviewable(row, input.expectedVersion, ctx.actor);
    const before = await kind.load(tx, input.id);
    if (input.decision === 'approve') await kind.beforeApprove?.(tx, before);
    const now = ctx.now.toISOString();
    const reviewed = { version: row.version + 1, reviewed_at: now, reviewed_by: ctx.actor.id };
    // The three tables share these columns; Kysely is given one of them to type the update.
    await tx
      .updateTable(kind.table as 'report')
      .set(
        input.decision === 'approve'
          ? { ...reviewed, status: 'published', published_at: now, published_by: ctx.actor.id, review_comment: null }
          : { ...reviewed, status: 'returned', review_comment: input.comment },
      )
      .where('id', '=', input.id)
      .execute();
    const after = await kind.load(tx, input.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: `${kind.auditPrefix}.${input.decision}`,
      entityType: kind.table,
      entityId: input.id,
      before,
      after,
      ...(input.decision === 'return' ? { reason: input.comment } : {}),
    });
    return after;
  });
}
