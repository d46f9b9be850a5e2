// The one two-person review of every reviewed kind: a press officer submits (or resubmits after a
// return), a reviewer who is not the submitter approves or returns. Every step checks the version
// the person saw and appends its audit entry in the same transaction. What differs by kind (its
// table, its input, its columns and child rows, its extra checks) is a small `ReviewedKind`.
import type { z } from 'zod';
import type { Executor, Tx } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Actor, WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError, PermissionError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import {
  approveInput,
  returnInput,
  type ApproveInput,
  type FigureStatus,
  type ReturnInput,
  type ReviewPerson,
  type ReviewState,
  type ReviewStatus,
} from './schema.ts';
import type { ReviewColumns } from './table.ts';

/** The tables of the reviewed kinds of figures; each extends `ReviewColumns`. */
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
    status: row.status,
    version: row.version,
    submittedAt: row.submitted_at,
    // Rows published before review existed name their creator as the submitter.
    submittedBy: personOf(row.submitted_by ?? row.created_by, names),
    reviewedAt: row.reviewed_at,
    reviewedBy: personOf(row.reviewed_by, names),
    reviewComment: row.review_comment,
  };
}

/**
 * The two list reads every reviewed kind of figures has, from its own query and hydration: the
 * public's (published only, unless `includeUnpublished` is asked for explicitly) and staff's (any
 * status, or one, each item with where it stands in review).
 */
export function reviewedLists<Row extends ReviewColumns, Item, StaffItem extends Item = Item & { review: ReviewState }>(
  select: (db: Executor, status: FigureStatus | null) => Promise<Row[]>,
  hydrate: (db: Executor, rows: Row[]) => Promise<Item[]>,
  toStaff: (item: Item, row: Row, names: Map<string, string>) => StaffItem = (item, row, names) =>
    ({ ...item, review: reviewStateOf(row, names) }) as unknown as StaffItem,
) {
  return {
    list: async (db: Executor, options: { includeUnpublished?: boolean } = {}): Promise<Item[]> =>
      hydrate(db, await select(db, options.includeUnpublished ? null : 'published')),
    listStaff: async (db: Executor, filter: { status?: FigureStatus } = {}): Promise<StaffItem[]> => {
      const rows = await select(db, filter.status ?? null);
      const [items, names] = await Promise.all([hydrate(db, rows), userNames(db)]);
      return items.map((item, i) => toStaff(item, rows[i]!, names));
    },
  };
}

/** Optimistic concurrency: the change is made to the version the person saw, or not at all. */
export function assertVersion(row: { version: number }, expected: number, noun = '该内容'): void {
  if (row.version !== expected) {
    throw new ConflictError(
      `${noun}已被其他人修改或处理（当前版本 ${row.version}，你看到的是版本 ${expected}），请刷新后重试`,
      'expectedVersion',
    );
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

/** Why an item in a status cannot be decided on, in the words of its kind. */
const NOT_DECIDABLE: Partial<Record<ReviewStatus, string>> = {
  returned: '该内容已退回，须由新闻发布员修改后重新提交',
  published: '该内容已发布；如需修改，请提交更正',
  applied: '该更正已生效',
};

/**
 * An approval or a return: only of an item waiting for review, at the version the reviewer saw, by
 * someone other than its submitter. Corrections and bulletins pass their own state and messages.
 */
export function assertReviewable(
  state: { status: ReviewStatus; version: number; submittedBy: string | null },
  expectedVersion: number,
  actor: Actor,
  messages: Partial<Record<ReviewStatus, string>> & { other?: string } = {},
): void {
  assertVersion(state, expectedVersion);
  if (state.status !== 'in_review') {
    throw new InputError('id', messages[state.status] ?? messages.other ?? NOT_DECIDABLE[state.status] ?? '该内容不在待审核状态');
  }
  assertOtherPerson(state.submittedBy, actor);
}

/** A resubmission: only of a returned item, at the version the press officer edited. */
export function assertResubmittable(row: { status: ReviewStatus; version: number }, expectedVersion: number): void {
  assertVersion(row, expectedVersion);
  if (row.status === 'published') throw new InputError('id', '已发布的内容不能重新提交；如需修改，请提交更正');
  if (row.status === 'in_review') throw new InputError('id', '该内容正在审核中，退回后才能修改');
  if (row.status !== 'returned') throw new InputError('id', '该内容不能重新提交');
}

/**
 * One reviewed kind of figures: where it is stored, how its input is read and written, how it is
 * loaded, and what it checks besides the rules every kind shares. `Data` is its parsed input,
 * `Checked` what `validate` found (a report's reconciliation issues), `Item` how staff see it.
 */
export interface ReviewedKind<Data, Item, Checked = void> {
  table: ReviewedTable;
  /** Prefix of its audit actions ('report' → 'report.submit', 'report.approve'). */
  auditPrefix: string;
  /** What it is called in messages ('通报'). */
  noun: string;
  /** Its input, and the same with `id` and `expectedVersion` for a resubmission. */
  input: z.ZodType<Data, unknown>;
  resubmitInput: z.ZodType<Data & { id: string; expectedVersion: number }, unknown>;
  /** Checks against what is stored (unknown districts, a number already taken); `self` is the item's id on resubmission. */
  validate(tx: Tx, data: Data, self: string | null): Promise<Checked>;
  /** Its own columns, from the input. */
  columns(data: Data, checked: Checked): Record<string, unknown>;
  /** Replaces its child rows (per-district figures). */
  writeChildren(tx: Tx, id: string, data: Data): Promise<void>;
  load(db: Executor, id: string): Promise<Item>;
  /** The reason recorded in the audit entry of a submission (a report's justification). */
  auditReason?(item: Item): string | null;
  /** Checks a kind adds before publishing (a report's reconciliation against the latest one). */
  beforeApprove?(db: Executor, item: Item): Promise<void>;
}

/** The review columns of an item, or NotFound. */
async function reviewRow(db: Executor, kind: { table: ReviewedTable; noun: string }, id: string): Promise<ReviewColumns> {
  const row = await db
    .selectFrom(kind.table as 'report')
    .select([
      'status',
      'version',
      'created_at',
      'created_by',
      'submitted_at',
      'submitted_by',
      'reviewed_at',
      'reviewed_by',
      'review_comment',
      'published_at',
      'published_by',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`${kind.noun} ${id} 不存在`);
  return row;
}

/** A press officer sends a new item for review. Nothing is public until a reviewer approves it. */
export async function submitForReview<Data, Item, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Data, Item, Checked>,
  raw: unknown,
): Promise<Item> {
  const input = kind.input.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const checked = await kind.validate(tx, input, null);
    const id = newId();
    const now = ctx.now.toISOString();
    const review: ReviewColumns = {
      status: 'in_review',
      version: 1,
      created_at: now,
      created_by: ctx.actor.id,
      submitted_at: now,
      submitted_by: ctx.actor.id,
      reviewed_at: null,
      reviewed_by: null,
      review_comment: null,
      published_at: null,
      published_by: null,
    };
    // The kinds share the review columns; Kysely is given one of the tables to type the statement.
    await tx
      .insertInto(kind.table as 'report')
      .values({ id, ...kind.columns(input, checked), ...review } as never)
      .execute();
    await kind.writeChildren(tx, id, input);
    const item = await kind.load(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: `${kind.auditPrefix}.submit`,
      entityType: kind.table,
      entityId: id,
      after: item,
      reason: kind.auditReason?.(item) ?? null,
    });
    return item;
  });
}

/** A press officer edits a returned item and sends it for review again, as a new version. */
export async function resubmitForReview<Data, Item, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Data, Item, Checked>,
  raw: unknown,
): Promise<Item> {
  const { id, expectedVersion, ...rest } = kind.resubmitInput.parse(raw);
  const input = rest as Data;
  return inTransaction(ctx.db, async (tx) => {
    const row = await reviewRow(tx, kind, id);
    assertResubmittable(row, expectedVersion);
    const before = await kind.load(tx, id);
    const checked = await kind.validate(tx, input, id);
    const now = ctx.now.toISOString();
    await tx
      .updateTable(kind.table as 'report')
      .set({
        ...kind.columns(input, checked),
        status: 'in_review',
        version: row.version + 1,
        submitted_at: now,
        submitted_by: ctx.actor.id,
      } as never)
      .where('id', '=', id)
      .execute();
    await kind.writeChildren(tx, id, input);
    const after = await kind.load(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: `${kind.auditPrefix}.resubmit`,
      entityType: kind.table,
      entityId: id,
      before,
      after,
      reason: kind.auditReason?.(after) ?? null,
    });
    return after;
  });
}

type Decision = { decision: 'approve' } | { decision: 'return'; comment: string };

/** Approve publishes, return sends back with a comment; both bump the version and are audited together. */
async function decide<Data, Item, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Data, Item, Checked>,
  input: { id: string; expectedVersion: number } & Decision,
): Promise<Item> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await reviewRow(tx, kind, input.id);
    assertReviewable(
      { status: row.status, version: row.version, submittedBy: row.submitted_by ?? row.created_by },
      input.expectedVersion,
      ctx.actor,
    );
    const before = await kind.load(tx, input.id);
    if (input.decision === 'approve') await kind.beforeApprove?.(tx, before);
    const now = ctx.now.toISOString();
    const reviewed = { version: row.version + 1, reviewed_at: now, reviewed_by: ctx.actor.id };
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

/** A reviewer, not the submitter, publishes an item waiting for review. */
export async function approveReview<Data, Item, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Data, Item, Checked>,
  raw: ApproveInput,
): Promise<Item> {
  return decide(ctx, kind, { ...approveInput.parse(raw), decision: 'approve' });
}

/** A reviewer sends an item back to the press officer with a comment saying what to fix. */
export async function returnReview<Data, Item, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Data, Item, Checked>,
  raw: ReturnInput,
): Promise<Item> {
  return decide(ctx, kind, { ...returnInput.parse(raw), decision: 'return' });
}
