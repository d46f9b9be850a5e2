// The one two-person review of every reviewed kind: a press officer submits (or resubmits after a
// return), a reviewer who is not the submitter approves or returns. Every step checks the version
// the person saw and appends its audit entry in the same transaction. What differs by kind (its
// table, where its items go at each step, its input, columns and child rows, its extra checks) is a
// small `ReviewedKind`; `reviewedFigures` makes one whole for a kind of figures.
import type { z } from 'zod';
import type { Executor, Tx } from '../db/database.ts';
import { recordStepAudit } from '../audit/audit.ts';
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
export type FigureTable = 'report' | 'testing_round' | 'isolation_snapshot';

/**
 * The tables of every reviewed kind: the figures, bulletins and changes of zones share the status,
 * version, submitter and review comment, and keep their own columns for the rest.
 */
export type ReviewedTable = FigureTable | 'bulletin' | 'zone_change';

/** Display names of every user, to name submitters and reviewers (a city has a handful of staff). */
export async function userNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function personOf(id: string | null, names: Map<string, string>): ReviewPerson | null {
  return id === null ? null : { id, name: names.get(id) ?? '（未知用户）' };
}

export function reviewStateOf(row: ReviewColumns<ReviewStatus>, names: Map<string, string>): ReviewState {
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

/** A decision is made on an item waiting for review, by someone other than its submitter; `refusal` says why not otherwise. */
function assertDecidable(state: { status: ReviewStatus; submittedBy: string | null }, actor: Actor, refusal: string): void {
  if (state.status !== 'in_review') throw new InputError('id', refusal);
  assertOtherPerson(state.submittedBy, actor);
}

/**
 * An approval or a return: only of an item waiting for review, at the version the reviewer saw, by
 * someone other than its submitter. Corrections pass their own state and messages.
 */
export function assertReviewable(
  state: { status: ReviewStatus; version: number; submittedBy: string | null },
  expectedVersion: number,
  actor: Actor,
  messages: Partial<Record<ReviewStatus, string>> & { other?: string } = {},
): void {
  assertVersion(state, expectedVersion);
  assertDecidable(state, actor, messages[state.status] ?? messages.other ?? NOT_DECIDABLE[state.status] ?? '该内容不在待审核状态');
}

/** The id of a stored item and the version the person saw. */
export interface Target {
  id: string;
  expectedVersion: number;
}

/** What a step writes: the item's new status and the kind's columns that go with it. */
export type ReviewChange = { status: ReviewStatus } & Record<string, unknown>;

/**
 * Where a kind's items go at each step of review, what each step writes besides the status, the
 * version and the reviewer's comment, and why an item elsewhere is refused.
 */
export interface ReviewFlow<Item, Approval extends object> {
  /** Sending a stored item (back) for review: only from one status, audited as `action`. */
  resubmit: {
    from: ReviewStatus;
    action: string;
    refusal(status: ReviewStatus): string;
    /** What else it writes (a bulletin's submission clears the last reviewer's comment). */
    columns?: Record<string, unknown>;
  };
  /** An approval's input: the item and its version, and what the kind adds (a bulletin's publication time). */
  approveInput: z.ZodType<Target & Approval, unknown>;
  approve: { refusal(status: ReviewStatus): string; change(item: Item, approval: Approval, actor: Actor, now: string): ReviewChange };
  return: { refusal(status: ReviewStatus): string; change(item: Item, actor: Actor, now: string): ReviewChange };
}

/** A submission's content and how it is stored: a kind of figures' input, checked and written to its columns and child rows. */
export interface ReviewedContent<Data, Item, Checked> {
  input: z.ZodType<Data, unknown>;
  /** Checks against what is stored (unknown districts, a number already taken); `self` is the item's id on resubmission. */
  validate(tx: Tx, data: Data, self: string | null): Promise<Checked>;
  /** Its own columns, from the input. */
  columns(data: Data, checked: Checked): Record<string, unknown>;
  /** Replaces its child rows (per-district figures). */
  writeChildren(tx: Tx, id: string, data: Data): Promise<void>;
  /** The reason recorded in the audit entry of a submission (a report's justification). */
  auditReason?(item: Item): string | null;
}

/**
 * What every step of review needs of a kind: where it is stored, how an item is loaded, and what the
 * kind writes and records on every step besides what every kind does.
 */
export interface StoredKind<Item> {
  table: ReviewedTable;
  /** Prefix of its audit actions ('report' → 'report.submit', 'report.approve'). */
  auditPrefix: string;
  /** What it is called in messages ('通报'). */
  noun: string;
  /** How a refusal points at one item ('该公告'); '该内容' when not given. */
  thisItem?: string;
  load(db: Executor, id: string): Promise<Item>;
  /** Columns every step writes (a bulletin's `updated_at`). */
  stamped?(now: string): Record<string, unknown>;
  /** What the audit entry keeps of the item before and after a step; the items themselves when not given. */
  audited?(before: Item, after: Item): { before: unknown; after: unknown };
  /** What the kind records of every step besides the audit entry (a bulletin's transitions). */
  recordStep?(tx: Tx, ctx: WriteContext, step: { before: Item; after: Item; comment: string | null }): Promise<void>;
}

/**
 * One reviewed kind: a stored kind, where review takes its items, and what it checks besides the
 * rules every kind shares. `Approval` is what an approval adds to its input, `Data` what a
 * submission carries and `Checked` what its validation found.
 */
export interface ReviewedKind<Item, Approval extends object = object, Data = unknown, Checked = unknown> extends StoredKind<Item> {
  /** A resubmission: the item and its version, with the edited content when submissions carry it. */
  resubmitInput: z.ZodType<Target & Data, unknown>;
  /** What submissions carry; bulletins save their text as revisions before they are submitted. */
  content?: ReviewedContent<Data, Item, Checked>;
  flow: ReviewFlow<Item, Approval>;
  /** Who else may not decide on an item besides its submitter (a bulletin's author of the revision under review). */
  checkReviewer?(item: Item, actor: Actor): void;
  /** Checks a kind adds before approving (a report's reconciliation against the latest one). */
  beforeApprove?(db: Executor, item: Item): Promise<void>;
}

/** Where an item stands in review, as every reviewed table stores it. */
export interface ReviewRow {
  status: ReviewStatus;
  version: number;
  created_by: string | null;
  submitted_by: string | null;
}

/** The review columns of an item, or NotFound. */
async function reviewRow(db: Executor, kind: { table: ReviewedTable; noun: string }, id: string): Promise<ReviewRow> {
  const row = await db
    .selectFrom(kind.table as 'report')
    .select(['status', 'version', 'created_by', 'submitted_by'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`${kind.noun} ${id} 不存在`);
  return row;
}

/** One step of a stored item, as `reviewStep` takes it. */
export interface ReviewStep<Item, Checked = void> {
  /** Its audit action after the kind's prefix ('approve' → 'report.approve'). */
  action: string;
  /** Refuses the step, after the version check (an item not where the step starts, the wrong person); what it returns goes to `change`. */
  check(tx: Tx, before: Item, row: ReviewRow): Checked | Promise<Checked>;
  change(before: Item, checked: Checked, now: string): ReviewChange;
  /** Child rows, or what the step does elsewhere (a zone change applied), written after the item's own columns. */
  write?(tx: Tx, before: Item, checked: Checked): Promise<void>;
  /** Why, in the person's words: a reviewer's comment, a withdrawal's reason. Recorded in the audit entry and by the kind. */
  comment?: string | null;
  /** The audit entry's reason when it is not the comment (a report's written justification). */
  reason?(after: Item): string | null;
}

/**
 * One step of a stored reviewed item: at the version the person saw, checked, written with its new
 * status and the next version, and recorded in the audit log (and by the kind) in one transaction.
 */
export async function reviewStep<Item, Checked>(
  ctx: WriteContext,
  kind: StoredKind<Item>,
  target: Target,
  step: ReviewStep<Item, Checked>,
): Promise<Item> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await reviewRow(tx, kind, target.id);
    assertVersion(row, target.expectedVersion, kind.thisItem);
    const before = await kind.load(tx, target.id);
    const checked = await step.check(tx, before, row);
    const now = ctx.now.toISOString();
    // The kinds share the review columns; Kysely is given one of the tables to type the statement.
    await tx
      .updateTable(kind.table as 'report')
      .set({ ...step.change(before, checked, now), ...kind.stamped?.(now), version: row.version + 1 } as never)
      .where('id', '=', target.id)
      .execute();
    await step.write?.(tx, before, checked);
    const after = await kind.load(tx, target.id);
    const comment = step.comment ?? null;
    await kind.recordStep?.(tx, ctx, { before, after, comment });
    await recordStepAudit(tx, ctx, kind, step.action, target.id, {
      ...(kind.audited?.(before, after) ?? { before, after }),
      reason: step.reason ? step.reason(after) : comment,
    });
    return after;
  });
}

/** The review columns of an item sent for review for the first time, by `actor` at `now`. */
export function newSubmission(actor: Actor, now: string): ReviewColumns<'in_review'> {
  return {
    status: 'in_review',
    version: 1,
    created_at: now,
    created_by: actor.id,
    submitted_at: now,
    submitted_by: actor.id,
    reviewed_at: null,
    reviewed_by: null,
    review_comment: null,
    published_at: null,
    published_by: null,
  };
}

/** A press officer sends a new item for review. Nothing is public until a reviewer approves it. */
export async function submitForReview<Item, Data, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Item, object, Data, Checked> & { table: FigureTable; content: ReviewedContent<Data, Item, Checked> },
  raw: unknown,
): Promise<Item> {
  const { content } = kind;
  const input = content.input.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const checked = await content.validate(tx, input, null);
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto(kind.table as 'report')
      .values({ id, ...content.columns(input, checked), ...newSubmission(ctx.actor, now) } as never)
      .execute();
    await content.writeChildren(tx, id, input);
    const item = await kind.load(tx, id);
    await recordStepAudit(tx, ctx, kind, 'submit', id, { after: item, reason: content.auditReason?.(item) ?? null });
    return item;
  });
}

/**
 * A stored item is sent for review again, as a new version: a returned figure with the press
 * officer's edits, or a bulletin's draft (its text is saved as revisions beforehand, so every
 * submission of a bulletin is of a stored item).
 */
export async function resubmitForReview<Item, Approval extends object, Data, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Item, Approval, Data, Checked>,
  raw: unknown,
): Promise<Item> {
  const { id, expectedVersion, ...rest } = kind.resubmitInput.parse(raw);
  const data = rest as Data;
  const { content, flow } = kind;
  return reviewStep(
    ctx,
    kind,
    { id, expectedVersion },
    {
      action: flow.resubmit.action,
      check: (tx, _before, row) => {
        if (row.status !== flow.resubmit.from) throw new InputError('id', flow.resubmit.refusal(row.status));
        return content?.validate(tx, data, id);
      },
      change: (_before, checked, now) => ({
        ...content?.columns(data, checked as Checked),
        ...flow.resubmit.columns,
        status: 'in_review',
        submitted_at: now,
        submitted_by: ctx.actor.id,
      }),
      write: content && ((tx) => content.writeChildren(tx, id, data)),
      reason: content && ((after) => content.auditReason?.(after) ?? null),
    },
  );
}

/** Approve or return: both bump the version and set or clear the reviewer's comment, audited together. */
function decide<Item, Approval extends object, Data, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Item, Approval, Data, Checked>,
  target: Target,
  decision: 'approve' | 'return',
  change: (item: Item, now: string) => ReviewChange,
  comment: string | null,
): Promise<Item> {
  return reviewStep(ctx, kind, target, {
    action: decision,
    check: async (tx, before, row) => {
      assertDecidable(
        { status: row.status, submittedBy: row.submitted_by ?? row.created_by },
        ctx.actor,
        kind.flow[decision].refusal(row.status),
      );
      kind.checkReviewer?.(before, ctx.actor);
      if (decision === 'approve') await kind.beforeApprove?.(tx, before);
    },
    change: (before, _checked, now) => ({ ...change(before, now), review_comment: comment }),
    comment,
  });
}

/** A reviewer, not the submitter, approves an item waiting for review: a figure is published. */
export async function approveReview<Item, Approval extends object, Data, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Item, Approval, Data, Checked>,
  raw: unknown,
): Promise<Item> {
  const { id, expectedVersion, ...approval } = kind.flow.approveInput.parse(raw);
  return decide(
    ctx,
    kind,
    { id, expectedVersion },
    'approve',
    (item, now) => kind.flow.approve.change(item, approval as Approval, ctx.actor, now),
    null,
  );
}

/** A reviewer sends an item back to the press officer with a comment saying what to fix. */
export async function returnReview<Item, Approval extends object, Data, Checked>(
  ctx: WriteContext,
  kind: ReviewedKind<Item, Approval, Data, Checked>,
  raw: unknown,
): Promise<Item> {
  const { id, expectedVersion, comment } = returnInput.parse(raw);
  return decide(ctx, kind, { id, expectedVersion }, 'return', (item, now) => kind.flow.return.change(item, ctx.actor, now), comment);
}

/**
 * How figures move through review: returned to the press officer and resubmitted from there, or
 * published on approval; either decision names the reviewer.
 */
const FIGURE_FLOW: ReviewFlow<unknown, object> = {
  resubmit: {
    from: 'returned',
    action: 'resubmit',
    refusal: (status) =>
      status === 'published'
        ? '已发布的内容不能重新提交；如需修改，请提交更正'
        : status === 'in_review'
          ? '该内容正在审核中，退回后才能修改'
          : '该内容不能重新提交',
  },
  approveInput,
  approve: {
    refusal: (status) => NOT_DECIDABLE[status] ?? '该内容不在待审核状态',
    change: (_item, _approval, actor, now) => ({
      status: 'published',
      reviewed_at: now,
      reviewed_by: actor.id,
      published_at: now,
      published_by: actor.id,
    }),
  },
  return: {
    refusal: (status) => NOT_DECIDABLE[status] ?? '该内容不在待审核状态',
    change: (_item, actor, now) => ({ status: 'returned', reviewed_at: now, reviewed_by: actor.id }),
  },
};

/**
 * A kind of figures as `reviewedFigures` takes it: its table and names, its submissions, and how its
 * rows are listed and made into items (`Item` as the public sees them, `Staff` with where each
 * stands in review).
 */
export interface FigureKind<Data, Row extends ReviewColumns & { id: string }, Item, Staff, Checked, In, ResubmitIn> {
  table: FigureTable;
  auditPrefix: string;
  noun: string;
  input: z.ZodType<Data, In>;
  resubmitInput: z.ZodType<Data & Target, ResubmitIn>;
  validate: ReviewedContent<Data, Staff, Checked>['validate'];
  columns: ReviewedContent<Data, Staff, Checked>['columns'];
  writeChildren: ReviewedContent<Data, Staff, Checked>['writeChildren'];
  auditReason?(item: Staff): string | null;
  beforeApprove?(db: Executor, item: Staff): Promise<void>;
  /** Its rows in one status (every status: null), in the order lists show them. */
  select(db: Executor, status: FigureStatus | null): Promise<Row[]>;
  hydrate(db: Executor, rows: Row[]): Promise<Item[]>;
  /** The item as staff see it; by default with its review state as `review`. */
  toStaff?(item: Item, row: Row, names: Map<string, string>): Staff;
}

/**
 * Everything a kind of figures does in review, from its descriptor: the public's list (published
 * only, unless `includeUnpublished` is asked for explicitly), staff's list and item (any status,
 * with where each stands in review), and the submission, resubmission, approval and return.
 */
export function reviewedFigures<
  Data,
  Row extends ReviewColumns & { id: string },
  Item,
  Checked,
  In,
  ResubmitIn,
  Staff = Item & { review: ReviewState },
>(figures: FigureKind<Data, Row, Item, Staff, Checked, In, ResubmitIn>) {
  const toStaff =
    figures.toStaff ?? ((item: Item, row: Row, names: Map<string, string>) => ({ ...item, review: reviewStateOf(row, names) }) as Staff);
  async function get(db: Executor, id: string): Promise<Staff> {
    const row = (await db
      .selectFrom(figures.table as 'report')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as Row | undefined;
    if (!row) throw new NotFoundError(`${figures.noun} ${id} 不存在`);
    const [[item], names] = await Promise.all([figures.hydrate(db, [row]), userNames(db)]);
    return toStaff(item!, row, names);
  }
  const kind: ReviewedKind<Staff, object, Data, Checked> & { table: FigureTable; content: ReviewedContent<Data, Staff, Checked> } = {
    table: figures.table,
    auditPrefix: figures.auditPrefix,
    noun: figures.noun,
    load: get,
    resubmitInput: figures.resubmitInput,
    content: figures,
    flow: FIGURE_FLOW,
    beforeApprove: figures.beforeApprove,
  };
  return {
    table: figures.table,
    input: figures.input,
    resubmitInput: figures.resubmitInput,
    list: async (db: Executor, options: { includeUnpublished?: boolean } = {}): Promise<Item[]> =>
      figures.hydrate(db, await figures.select(db, options.includeUnpublished ? null : 'published')),
    listStaff: async (db: Executor, filter: { status?: FigureStatus } = {}): Promise<Staff[]> => {
      const rows = await figures.select(db, filter.status ?? null);
      const [items, names] = await Promise.all([figures.hydrate(db, rows), userNames(db)]);
      return items.map((item, i) => toStaff(item, rows[i]!, names));
    },
    get,
    submit: (ctx: WriteContext, raw: In): Promise<Staff> => submitForReview(ctx, kind, raw),
    resubmit: (ctx: WriteContext, raw: ResubmitIn): Promise<Staff> => resubmitForReview(ctx, kind, raw),
    approve: (ctx: WriteContext, raw: ApproveInput): Promise<Staff> => approveReview(ctx, kind, raw),
    return: (ctx: WriteContext, raw: ReturnInput): Promise<Staff> => returnReview(ctx, kind, raw),
  };
}
