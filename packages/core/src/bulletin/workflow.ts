// Writes: saving revisions and moving a bulletin through its workflow (draft → in review →
// approved or scheduled → published → withdrawn). Its review is the one every reviewed kind goes
// through (`review/review.ts`); its own steps after review are taken the same way. Each step checks
// the version the person saw, records its transition and its audit entry in the same transaction.
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import {
  approveReview,
  assertVersion,
  resubmitForReview,
  returnReview,
  reviewStep,
  type ReviewedKind,
  type Target,
} from '../review/review.ts';
import type { ReturnInput } from '../review/schema.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, PermissionError } from '../shared/errors.ts';
import { formatDateTime } from '../shared/time.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { linkAttachments } from './attachment.ts';
import { getBulletin, type Bulletin } from './read.ts';
import {
  approveBulletinInput,
  bulletinStepInput,
  createBulletinInput,
  scheduleBulletinInput,
  updateBulletinInput,
  withdrawBulletinInput,
  type BulletinContent,
  type BulletinContentInput,
  type BulletinStatus,
  type UpdateBulletinInput,
} from './schema.ts';

function assertStatus(b: Bulletin, allowed: readonly BulletinStatus[], message: string) {
  if (!allowed.includes(b.status)) throw new InputError('id', message);
}

async function recordTransition(
  tx: Executor,
  ctx: WriteContext,
  b: { id: string; revision: number },
  from: BulletinStatus | null,
  to: BulletinStatus,
  extra: { comment?: string | null; publishAt?: string | null } = {},
) {
  await tx
    .insertInto('bulletin_transition')
    .values({
      bulletin_id: b.id,
      revision: b.revision,
      from_status: from,
      to_status: to,
      at: ctx.now.toISOString(),
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      comment: extra.comment ?? null,
      publish_at: extra.publishAt ?? null,
    })
    .execute();
}

/** A draft: not submitted, approved or scheduled; a new bulletin, and any bulletin when a new revision is saved. */
const DRAFT = {
  status: 'draft',
  scheduled_at: null,
  submitted_at: null,
  submitted_by: null,
  approved_at: null,
  approved_by: null,
  approved_revision: null,
  approved_publish_at: null,
} as const;

/** Saves revision `number` of a bulletin's text, written by the actor now. */
async function writeRevision(
  tx: Executor,
  ctx: WriteContext,
  bulletinId: string,
  number: number,
  input: BulletinContent,
  changeReason: string | null,
): Promise<void> {
  await tx
    .insertInto('bulletin_revision')
    .values({
      bulletin_id: bulletinId,
      number,
      title: input.title,
      issuer: input.issuer,
      issued_on: input.issuedOn,
      category: input.category,
      body_md: input.bodyMd,
      change_reason: changeReason,
      created_at: ctx.now.toISOString(),
      created_by: ctx.actor.id,
    })
    .execute();
}

const requireNewDraft = (b: Bulletin) =>
  b.status === 'in_review' || b.status === 'approved' || b.status === 'scheduled' ? '内容已修改，需重新提交审核' : null;

export async function createBulletin(ctx: WriteContext, raw: BulletinContentInput): Promise<Bulletin> {
  const input = createBulletinInput.parse(raw);
  // A new bulletin has no uploads yet: attachments are added to its later revisions.
  if (input.attachmentIds.length) throw new InputError('attachmentIds', '请先保存草稿，再上传附件');
  return inTransaction(ctx.db, async (tx) => {
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('bulletin')
      .values({
        id,
        ...DRAFT,
        current_revision: 1,
        published_revision: null,
        first_published_at: null,
        published_at: null,
        withdrawn_at: null,
        withdrawn_reason: null,
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        updated_at: now,
        review_comment: null,
      })
      .execute();
    await writeRevision(tx, ctx, id, 1, input, null);
    await recordTransition(tx, ctx, { id, revision: 1 }, null, 'draft');
    const bulletin = await getBulletin(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'bulletin.create',
      entityType: 'bulletin',
      entityId: id,
      after: bulletin.currentRevision,
    });
    return bulletin;
  });
}

/**
 * Saves a new revision. It goes back to draft: whatever was reviewed, approved or scheduled was a
 * different text. A published bulletin keeps showing its published revision until the new one
 * has been reviewed and published.
 */
export async function updateBulletin(ctx: WriteContext, raw: UpdateBulletinInput): Promise<Bulletin> {
  const input = updateBulletinInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const before = await getBulletin(tx, input.id);
    assertVersion(before, input.expectedVersion, '该公告');
    if (before.status === 'withdrawn') throw new InputError('id', '已撤回的公告不能再编辑');
    if (before.publishedRevision && !input.changeReason) {
      throw new InputError('changeReason', '修改已发布的公告需要填写修改原因，公众会看到');
    }
    const number = before.revisionCount + 1;
    await writeRevision(tx, ctx, input.id, number, input, input.changeReason);
    await linkAttachments(tx, input.id, number, input.attachmentIds);
    await tx
      .updateTable('bulletin')
      .set({ ...DRAFT, current_revision: number, version: before.version + 1, updated_at: ctx.now.toISOString() })
      .where('id', '=', input.id)
      .execute();
    if (before.status !== 'draft') {
      await recordTransition(tx, ctx, { id: input.id, revision: number }, before.status, 'draft', {
        comment: requireNewDraft(before) ?? '保存新修订',
      });
    }
    const after = await getBulletin(tx, input.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'bulletin.revise',
      entityType: 'bulletin',
      entityId: input.id,
      before: { status: before.status, revision: before.currentRevision },
      after: { status: after.status, revision: after.currentRevision },
      reason: input.changeReason,
    });
    return after;
  });
}

/**
 * Bulletins in review: a draft is submitted (a returned bulletin is a draft again, with the
 * reviewer's comment), and a reviewer who neither submitted it nor wrote the revision under review
 * approves it, for publication at once or at a set time, or returns it. Every step of a bulletin
 * also records its transition, and its audit entry keeps where the bulletin stands.
 */
const REVIEWED_BULLETIN: ReviewedKind<Bulletin, { publishAt: string | null }> = {
  table: 'bulletin',
  auditPrefix: 'bulletin',
  noun: '公告',
  thisItem: '该公告',
  load: getBulletin,
  resubmitInput: bulletinStepInput,
  flow: {
    resubmit: {
      from: 'draft',
      action: 'submit',
      refusal: (status) => `只有草稿可以提交审核（当前状态：${status}）`,
      columns: { review_comment: null },
    },
    approveInput: approveBulletinInput,
    approve: {
      refusal: () => '只有待审核的公告可以批准',
      change: (b, { publishAt }, actor, now) => ({
        status: publishAt ? 'scheduled' : 'approved',
        approved_at: now,
        approved_by: actor.id,
        approved_revision: b.currentRevision.number,
        scheduled_at: publishAt,
        approved_publish_at: publishAt,
      }),
    },
    return: { refusal: () => '只有待审核的公告可以退回', change: () => ({ status: 'draft' }) },
  },
  checkReviewer(b, actor) {
    if (b.currentRevision.createdBy?.id === actor.id) throw new PermissionError('本人撰写的公告需由其他审核人员批准');
  },
  stamped: (now) => ({ updated_at: now }),
  audited: (before, after) => ({
    before: {
      status: before.status,
      revision: before.currentRevision.number,
      publishedRevision: before.publishedRevision?.number ?? null,
    },
    after: {
      status: after.status,
      revision: after.currentRevision.number,
      publishedRevision: after.publishedRevision?.number ?? null,
      scheduledAt: after.scheduledAt,
    },
  }),
  // A step into `scheduled` records the time it is scheduled for; every other status has none.
  recordStep: (tx, ctx, { before, after, comment }) =>
    recordTransition(tx, ctx, { id: before.id, revision: before.currentRevision.number }, before.status, after.status, {
      comment,
      publishAt: after.scheduledAt,
    }),
};

/** draft → in review: the author asks a second person to check it. */
export function submitBulletin(ctx: WriteContext, raw: Target): Promise<Bulletin> {
  return resubmitForReview(ctx, REVIEWED_BULLETIN, raw);
}

/** in review → draft, with the reviewer's comment. */
export function returnBulletin(ctx: WriteContext, raw: ReturnInput): Promise<Bulletin> {
  return returnReview(ctx, REVIEWED_BULLETIN, raw);
}

function assertFuture(ctx: WriteContext, publishAt: string) {
  if (new Date(publishAt).getTime() <= ctx.now.getTime()) {
    throw new InputError('publishAt', '定时发布的时间须晚于现在；要立即发布请直接发布');
  }
}

/** in review → approved, or → scheduled when a publication time is given. */
export async function approveBulletin(ctx: WriteContext, raw: Target & { publishAt?: string | null }): Promise<Bulletin> {
  const input = approveBulletinInput.parse(raw);
  if (input.publishAt) assertFuture(ctx, input.publishAt);
  return approveReview(ctx, REVIEWED_BULLETIN, input);
}

/**
 * A time the reviewer set binds: only a reviewer other than the revision's author may move it, bring
 * it forward or lift it (the scheduler publishes it when it falls due). Anyone else changes it only
 * through a new review.
 */
function assertMayChangeBoundTime(ctx: WriteContext, b: Bulletin, what: string): void {
  if (!b.approvedPublishAt) return;
  const reviewer = ctx.actor.role === 'reviewer' && b.currentRevision.createdBy?.id !== ctx.actor.id;
  if (!reviewer) {
    throw new PermissionError(`审核人定于${formatDateTime(b.approvedPublishAt)}发布；${what}须由审核人操作，或修改后重新提交审核`);
  }
}

/** approved → scheduled: goes out on its own at that time, whether or not anyone is signed in. */
export async function scheduleBulletin(ctx: WriteContext, raw: Target & { publishAt: string }): Promise<Bulletin> {
  const input = scheduleBulletinInput.parse(raw);
  assertFuture(ctx, input.publishAt);
  return reviewStep(ctx, REVIEWED_BULLETIN, input, {
    action: 'schedule',
    check: (_tx, b) => {
      assertStatus(b, ['approved', 'scheduled'], '只有已审核的公告可以定时发布');
      if (b.approvedPublishAt !== input.publishAt) assertMayChangeBoundTime(ctx, b, '改期');
    },
    // A reviewer's new time binds in turn.
    change: (b) => ({
      status: 'scheduled',
      scheduled_at: input.publishAt,
      approved_publish_at: ctx.actor.role === 'reviewer' || b.approvedPublishAt ? input.publishAt : null,
    }),
  });
}

/** scheduled → approved: the embargo is lifted by hand or moved; nothing goes out. */
export async function unscheduleBulletin(ctx: WriteContext, raw: Target): Promise<Bulletin> {
  return reviewStep(ctx, REVIEWED_BULLETIN, bulletinStepInput.parse(raw), {
    action: 'unschedule',
    check: (_tx, b) => {
      assertStatus(b, ['scheduled'], '该公告没有定时发布');
      assertMayChangeBoundTime(ctx, b, '取消定时');
    },
    change: () => ({ status: 'approved', scheduled_at: null, approved_publish_at: null }),
  });
}

/**
 * approved or scheduled → published: by a person at once, or by the system when its scheduled time
 * falls due (`comment` says so).
 */
export function publishApproved(ctx: WriteContext, target: Target, comment: string | null): Promise<Bulletin> {
  return reviewStep(ctx, REVIEWED_BULLETIN, target, {
    action: 'publish',
    check: (_tx, b) => {
      if (b.status !== 'approved' && b.status !== 'scheduled') {
        throw new InputError('id', b.status === 'published' ? '当前版本已发布' : '公告须经另一人审核批准后才能发布');
      }
      // Before the time the reviewer set, only a reviewer may publish it (the scheduler publishes it when due).
      if (b.approvedPublishAt && Date.parse(b.approvedPublishAt) > ctx.now.getTime()) assertMayChangeBoundTime(ctx, b, '提前发布');
    },
    change: (b, _checked, now) => ({
      status: 'published',
      published_revision: b.currentRevision.number,
      first_published_at: b.firstPublishedAt ?? now,
      published_at: now,
      scheduled_at: null,
      approved_publish_at: null,
    }),
    comment,
  });
}

/** approved → published, at once. */
export async function publishBulletin(ctx: WriteContext, raw: Target): Promise<Bulletin> {
  return publishApproved(ctx, bulletinStepInput.parse(raw), null);
}

/** published → withdrawn: the page stays at its address and says why it was withdrawn. */
export async function withdrawBulletin(ctx: WriteContext, raw: Target & { reason: string }): Promise<Bulletin> {
  const input = withdrawBulletinInput.parse(raw);
  return reviewStep(ctx, REVIEWED_BULLETIN, input, {
    action: 'withdraw',
    check: (_tx, b) => {
      // Withdrawing takes a reviewer: the press officer asks one.
      if (ctx.actor.role !== 'reviewer') throw new PermissionError('撤回公告须由审核人员操作');
      if (b.status === 'withdrawn') throw new InputError('id', '该公告已撤回');
      if (!b.publishedRevision) throw new InputError('id', '未发布的公告无需撤回，可继续编辑');
    },
    change: (_b, _checked, now) => ({ status: 'withdrawn', withdrawn_at: now, withdrawn_reason: input.reason, scheduled_at: null }),
    comment: input.reason,
  });
}
