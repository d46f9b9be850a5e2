import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertReviewable, assertVersion, userNames } from '../review/review.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError, PermissionError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { renderMarkdown } from './markdown.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  approveBulletinInput,
  bulletinStepInput,
  createBulletinInput,
  returnBulletinInput,
  scheduleBulletinInput,
  updateBulletinInput,
  uploadAttachmentInput,
  withdrawBulletinInput,
  type AttachmentMediaType,
  type BulletinCategory,
  type BulletinContentInput,
  type BulletinStatus,
  type UpdateBulletinInput,
  type UploadAttachmentInput,
} from './schema.ts';

export interface BulletinAttachment {
  id: string;
  filename: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  sha256: string;
}

export interface BulletinRevision {
  number: number;
  title: string;
  issuer: string;
  issuedOn: string;
  category: BulletinCategory;
  bodyMd: string;
  changeReason: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  attachments: BulletinAttachment[];
}

export interface BulletinTransition {
  id: number;
  revision: number;
  from: BulletinStatus | null;
  to: BulletinStatus;
  at: string;
  actorName: string;
  comment: string | null;
  publishAt: string | null;
}

export interface Bulletin {
  id: string;
  status: BulletinStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  /** When a scheduled bulletin goes out. */
  scheduledAt: string | null;
  submittedAt: string | null;
  submittedBy: { id: string; name: string } | null;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
  /** The reviewer's comment when the bulletin was last sent back. */
  reviewComment: string | null;
  currentRevision: BulletinRevision;
  publishedRevision: BulletinRevision | null;
  revisionCount: number;
  /** Attachments uploaded to this bulletin, whether or not a revision uses them yet. */
  uploads: BulletinAttachment[];
}

/** One publication of a bulletin: the first, or a later revision published with its reason. */
export interface PublicBulletinPublication {
  at: string;
  revision: number;
  reason: string | null;
}

/** What the public sees of a bulletin: the published revision, rendered. */
export interface PublicBulletin {
  id: string;
  title: string;
  issuer: string;
  issuedOn: string;
  category: BulletinCategory;
  bodyHtml: string;
  revision: number;
  firstPublishedAt: string;
  publishedAt: string;
  /** Set when the published text is a later revision than the first one published. */
  updated: { at: string; reason: string | null } | null;
  /** Every publication, first one first. */
  publications: PublicBulletinPublication[];
  /** Set when the bulletin was withdrawn: it stays at its address, saying so at the top. */
  withdrawn: { at: string; reason: string } | null;
  attachments: BulletinAttachment[];
}

type AttachmentMeta = { id: string; bulletin_id: string; filename: string; media_type: string; size_bytes: number; sha256: string };

const toAttachment = (a: AttachmentMeta): BulletinAttachment => ({
  id: a.id,
  filename: a.filename,
  mediaType: a.media_type as AttachmentMediaType,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
});

const person = (id: string | null, names: Map<string, string>) => (id === null ? null : { id, name: names.get(id) ?? '（未知用户）' });

/** Every revision (with its attachments) and every upload of the given bulletins, first revision first. */
async function loadRevisions(
  db: Executor,
  ids: string[],
  names: Map<string, string>,
): Promise<{ revisions: Map<string, BulletinRevision[]>; uploads: Map<string, BulletinAttachment[]> }> {
  const [rows, links, attachments] = await Promise.all([
    db.selectFrom('bulletin_revision').selectAll().where('bulletin_id', 'in', ids).orderBy('number').execute(),
    db.selectFrom('bulletin_revision_attachment').selectAll().where('bulletin_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('bulletin_attachment')
      .select(['id', 'bulletin_id', 'filename', 'media_type', 'size_bytes', 'sha256'])
      .where('bulletin_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  const attachmentById = new Map(attachments.map((a) => [a.id, toAttachment(a)]));
  const revisions = new Map<string, BulletinRevision[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    revisions.get(r.bulletin_id)!.push({
      number: r.number,
      title: r.title,
      issuer: r.issuer,
      issuedOn: r.issued_on,
      category: r.category as BulletinCategory,
      bodyMd: r.body_md,
      changeReason: r.change_reason,
      createdAt: r.created_at,
      createdBy: person(r.created_by, names),
      attachments: links
        .filter((l) => l.bulletin_id === r.bulletin_id && l.revision === r.number)
        .map((l) => attachmentById.get(l.attachment_id)!),
    });
  }
  const uploads = new Map<string, BulletinAttachment[]>(ids.map((id) => [id, []]));
  for (const a of attachments) uploads.get(a.bulletin_id)!.push(attachmentById.get(a.id)!);
  return { revisions, uploads };
}

type LoadFilter = { ids?: string[]; statuses?: readonly BulletinStatus[]; hasPublished?: boolean };

/** Loads bulletins with all their revisions and attachments (a city publishes hundreds, not millions). */
async function load(db: Executor, filter: LoadFilter = {}): Promise<Bulletin[]> {
  return (await loadWithRevisions(db, filter)).map(([b]) => b);
}

/** Each bulletin with every one of its revisions, first one first. */
async function loadWithRevisions(db: Executor, filter: LoadFilter): Promise<Array<[Bulletin, BulletinRevision[]]>> {
  let q = db.selectFrom('bulletin').selectAll().orderBy('updated_at', 'desc').orderBy('id');
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.statuses) {
    if (filter.statuses.length === 0) return [];
    q = q.where('status', 'in', filter.statuses);
  }
  if (filter.hasPublished) q = q.where('published_revision', 'is not', null);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const names = await userNames(db);
  const { revisions, uploads } = await loadRevisions(db, rows.map((r) => r.id), names);
  return rows.map((b) => {
    const mine = revisions.get(b.id)!;
    const bulletin: Bulletin = {
      id: b.id,
      status: b.status as BulletinStatus,
      version: b.version,
      createdAt: b.created_at,
      updatedAt: b.updated_at,
      firstPublishedAt: b.first_published_at,
      publishedAt: b.published_at,
      withdrawnAt: b.withdrawn_at,
      withdrawnReason: b.withdrawn_reason,
      scheduledAt: b.scheduled_at,
      submittedAt: b.submitted_at,
      submittedBy: person(b.submitted_by, names),
      approvedAt: b.approved_at,
      approvedBy: person(b.approved_by, names),
      reviewComment: b.review_comment,
      currentRevision: mine.find((r) => r.number === b.current_revision)!,
      publishedRevision: mine.find((r) => r.number === b.published_revision) ?? null,
      revisionCount: mine.length,
      uploads: uploads.get(b.id)!,
    };
    return [bulletin, mine];
  });
}

/** Every bulletin in any status (or in the given ones), for staff; the public reads `listPublicBulletins`. */
export function listStaffBulletins(db: Executor, filter: { statuses?: readonly BulletinStatus[] } = {}): Promise<Bulletin[]> {
  return load(db, filter);
}

export async function getBulletin(db: Executor, id: string): Promise<Bulletin> {
  const [found] = await load(db, { ids: [id] });
  if (!found) throw new NotFoundError(`公告 ${id} 不存在`);
  return found;
}

/** Every revision of a bulletin, first one first. */
export async function listBulletinRevisions(db: Executor, id: string): Promise<BulletinRevision[]> {
  const row = await db.selectFrom('bulletin').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`公告 ${id} 不存在`);
  return (await loadRevisions(db, [id], await userNames(db))).revisions.get(id)!;
}

/** The recorded workflow steps of a bulletin, first one first. */
export async function listBulletinTransitions(db: Executor, id: string): Promise<BulletinTransition[]> {
  const rows = await db.selectFrom('bulletin_transition').selectAll().where('bulletin_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    from: r.from_status as BulletinStatus | null,
    to: r.to_status as BulletinStatus,
    at: r.at,
    actorName: r.actor_name,
    comment: r.comment,
    publishAt: r.publish_at,
  }));
}

/** Published (and withdrawn) bulletins as the public sees them, newest first; only `ids` when given. */
export async function listPublicBulletins(db: Executor, ids?: string[]): Promise<PublicBulletin[]> {
  const all = await loadWithRevisions(db, { hasPublished: true, ids });
  if (all.length === 0) return [];
  const publications = await db
    .selectFrom('bulletin_transition')
    .select(['bulletin_id', 'at', 'revision'])
    .where('to_status', '=', 'published')
    .where(
      'bulletin_id',
      'in',
      all.map(([b]) => b.id),
    )
    .orderBy('id')
    .execute();
  return all
    .filter(([b]) => b.publishedRevision && b.publishedAt && b.firstPublishedAt)
    .map(([b, revisions]): PublicBulletin => {
      const r = b.publishedRevision!;
      // A publication's reason: every reason given on the revisions saved since the previous
      // publication (a text may be saved several times, with a reason each time, before it goes out).
      const reasonsSince = (after: number, upTo: number) => {
        const given = revisions.filter((x) => x.number > after && x.number <= upTo && x.changeReason).map((x) => x.changeReason!);
        return given.length ? [...new Set(given)].join('；') : null;
      };
      const mine: PublicBulletinPublication[] = [];
      for (const p of publications.filter((x) => x.bulletin_id === b.id)) {
        const previous = mine.at(-1)?.revision ?? 0;
        mine.push({ at: p.at, revision: p.revision, reason: previous === 0 ? null : reasonsSince(previous, p.revision) });
      }
      if (mine.length === 0) mine.push({ at: b.firstPublishedAt!, revision: r.number, reason: null });
      const last = mine.at(-1)!;
      return {
        id: b.id,
        title: r.title,
        issuer: r.issuer,
        issuedOn: r.issuedOn,
        category: r.category,
        bodyHtml: renderMarkdown(r.bodyMd),
        revision: r.number,
        firstPublishedAt: b.firstPublishedAt!,
        publishedAt: b.publishedAt!,
        updated: mine.length > 1 ? { at: last.at, reason: last.reason } : null,
        publications: mine,
        withdrawn: b.status === 'withdrawn' && b.withdrawnAt ? { at: b.withdrawnAt, reason: b.withdrawnReason ?? '' } : null,
        attachments: r.attachments,
      };
    })
    .sort((a, b) => (a.issuedOn === b.issuedOn ? b.firstPublishedAt.localeCompare(a.firstPublishedAt) : b.issuedOn.localeCompare(a.issuedOn)));
}

/** The bytes of an attachment of a published revision (what the public site may serve). */
export async function publicAttachmentContent(
  db: Executor,
  attachmentId: string,
): Promise<{ attachment: BulletinAttachment; content: Uint8Array }> {
  const row = await db
    .selectFrom('bulletin_attachment')
    .innerJoin('bulletin', 'bulletin.id', 'bulletin_attachment.bulletin_id')
    .innerJoin('bulletin_revision_attachment', (j) =>
      j
        .onRef('bulletin_revision_attachment.attachment_id', '=', 'bulletin_attachment.id')
        .onRef('bulletin_revision_attachment.revision', '=', 'bulletin.published_revision'),
    )
    .select([
      'bulletin_attachment.id',
      'bulletin_attachment.bulletin_id',
      'bulletin_attachment.filename',
      'bulletin_attachment.media_type',
      'bulletin_attachment.size_bytes',
      'bulletin_attachment.sha256',
      'bulletin_attachment.content',
    ])
    .where('bulletin_attachment.id', '=', attachmentId)
    .executeTakeFirst();
  if (!row || !row.content) throw new NotFoundError('附件不存在或未发布');
  return { attachment: toAttachment(row), content: new Uint8Array(row.content) };
}

/** The bytes of any attachment, for staff. */
export async function attachmentContent(db: Executor, attachmentId: string): Promise<{ attachment: BulletinAttachment; content: Uint8Array }> {
  const row = await db
    .selectFrom('bulletin_attachment')
    .select(['id', 'bulletin_id', 'filename', 'media_type', 'size_bytes', 'sha256', 'content'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row || !row.content) throw new NotFoundError('附件不存在');
  return { attachment: toAttachment(row), content: new Uint8Array(row.content) };
}

// ---------------------------------------------------------------------------------------------
// Writes

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

/** The attachments a revision lists must have been uploaded to the same bulletin. */
async function linkAttachments(tx: Executor, bulletinId: string, revision: number, attachmentIds: string[]) {
  const unique = [...new Set(attachmentIds)];
  if (unique.length === 0) return;
  const found = await tx.selectFrom('bulletin_attachment').select('id').where('bulletin_id', '=', bulletinId).where('id', 'in', unique).execute();
  const known = new Set(found.map((f) => f.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw new InputError('attachmentIds', `附件 ${missing.join('、')} 不属于该公告`);
  await tx
    .insertInto('bulletin_revision_attachment')
    .values(unique.map((id, position) => ({ bulletin_id: bulletinId, revision, attachment_id: id, position })))
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
        status: 'draft',
        current_revision: 1,
        published_revision: null,
        scheduled_at: null,
        first_published_at: null,
        published_at: null,
        withdrawn_at: null,
        withdrawn_reason: null,
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        updated_at: now,
        submitted_at: null,
        submitted_by: null,
        approved_at: null,
        approved_by: null,
        approved_revision: null,
        review_comment: null,
      })
      .execute();
    await tx
      .insertInto('bulletin_revision')
      .values({
        bulletin_id: id,
        number: 1,
        title: input.title,
        issuer: input.issuer,
        issued_on: input.issuedOn,
        category: input.category,
        body_md: input.bodyMd,
        change_reason: null,
        created_at: now,
        created_by: ctx.actor.id,
      })
      .execute();
    await recordTransition(tx, ctx, { id, revision: 1 }, null, 'draft');
    const bulletin = await getBulletin(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'bulletin.create', entityType: 'bulletin', entityId: id, after: bulletin.currentRevision });
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
    const now = ctx.now.toISOString();
    await tx
      .insertInto('bulletin_revision')
      .values({
        bulletin_id: input.id,
        number,
        title: input.title,
        issuer: input.issuer,
        issued_on: input.issuedOn,
        category: input.category,
        body_md: input.bodyMd,
        change_reason: input.changeReason,
        created_at: now,
        created_by: ctx.actor.id,
      })
      .execute();
    await linkAttachments(tx, input.id, number, input.attachmentIds);
    await tx
      .updateTable('bulletin')
      .set({
        status: 'draft',
        current_revision: number,
        version: before.version + 1,
        updated_at: now,
        scheduled_at: null,
        approved_at: null,
        approved_by: null,
        approved_revision: null,
        submitted_at: null,
        submitted_by: null,
      })
      .where('id', '=', input.id)
      .execute();
    if (before.status !== 'draft') {
      await recordTransition(tx, ctx, { id: input.id, revision: number }, before.status, 'draft', { comment: requireNewDraft(before) ?? '保存新修订' });
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

type Step = { id: string; expectedVersion: number };

/** One workflow step: check, update the row, record the transition and the audit entry, together. */
async function step(
  ctx: WriteContext,
  input: Step,
  spec: {
    action: string;
    check: (b: Bulletin) => void;
    to: BulletinStatus;
    set: (b: Bulletin, now: string) => Record<string, unknown>;
    comment?: string | null;
    publishAt?: string | null;
  },
): Promise<Bulletin> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await getBulletin(tx, input.id);
    assertVersion(before, input.expectedVersion, '该公告');
    spec.check(before);
    const now = ctx.now.toISOString();
    await tx
      .updateTable('bulletin')
      .set({ ...spec.set(before, now), status: spec.to, version: before.version + 1, updated_at: now })
      .where('id', '=', input.id)
      .execute();
    await recordTransition(tx, ctx, { id: before.id, revision: before.currentRevision.number }, before.status, spec.to, {
      comment: spec.comment ?? null,
      publishAt: spec.publishAt ?? null,
    });
    const after = await getBulletin(tx, input.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: spec.action,
      entityType: 'bulletin',
      entityId: input.id,
      before: { status: before.status, revision: before.currentRevision.number, publishedRevision: before.publishedRevision?.number ?? null },
      after: {
        status: after.status,
        revision: after.currentRevision.number,
        publishedRevision: after.publishedRevision?.number ?? null,
        scheduledAt: after.scheduledAt,
      },
      reason: spec.comment ?? null,
    });
    return after;
  });
}

/** draft → in review: the author asks a second person to check it. */
export async function submitBulletin(ctx: WriteContext, raw: Step): Promise<Bulletin> {
  const input = bulletinStepInput.parse(raw);
  return step(ctx, input, {
    action: 'bulletin.submit',
    to: 'in_review',
    check: (b) => assertStatus(b, ['draft'], `只有草稿可以提交审核（当前状态：${b.status}）`),
    set: (_b, now) => ({ submitted_at: now, submitted_by: ctx.actor.id, review_comment: null }),
  });
}

/**
 * The review rule every reviewed kind follows (waiting for review, decided by someone other than
 * the submitter), and for bulletins also not by whoever wrote the revision under review.
 */
function assertReviewer(b: Bulletin, ctx: WriteContext, notInReview: string) {
  assertReviewable({ status: b.status, version: b.version, submittedBy: b.submittedBy?.id ?? null }, b.version, ctx.actor, { other: notInReview });
  if (b.currentRevision.createdBy?.id === ctx.actor.id) throw new PermissionError('本人撰写的公告需由其他审核人员批准');
}

/** in review → draft, with the reviewer's comment. */
export async function returnBulletin(ctx: WriteContext, raw: Step & { comment: string }): Promise<Bulletin> {
  const input = returnBulletinInput.parse(raw);
  return step(ctx, input, {
    action: 'bulletin.return',
    to: 'draft',
    check: (b) => assertReviewer(b, ctx, '只有待审核的公告可以退回'),
    set: () => ({ review_comment: input.comment }),
    comment: input.comment,
  });
}

function assertFuture(ctx: WriteContext, publishAt: string) {
  if (new Date(publishAt).getTime() <= ctx.now.getTime()) {
    throw new InputError('publishAt', '定时发布的时间须晚于现在；要立即发布请直接发布');
  }
}

/** in review → approved, or → scheduled when a publication time is given. */
export async function approveBulletin(ctx: WriteContext, raw: Step & { publishAt?: string | null }): Promise<Bulletin> {
  const input = approveBulletinInput.parse(raw);
  if (input.publishAt) assertFuture(ctx, input.publishAt);
  return step(ctx, input, {
    action: 'bulletin.approve',
    to: input.publishAt ? 'scheduled' : 'approved',
    check: (b) => assertReviewer(b, ctx, '只有待审核的公告可以批准'),
    set: (b, now) => ({
      approved_at: now,
      approved_by: ctx.actor.id,
      approved_revision: b.currentRevision.number,
      review_comment: null,
      scheduled_at: input.publishAt,
    }),
    publishAt: input.publishAt,
  });
}

/** approved → scheduled: goes out on its own at that time, whether or not anyone is signed in. */
export async function scheduleBulletin(ctx: WriteContext, raw: Step & { publishAt: string }): Promise<Bulletin> {
  const input = scheduleBulletinInput.parse(raw);
  assertFuture(ctx, input.publishAt);
  return step(ctx, input, {
    action: 'bulletin.schedule',
    to: 'scheduled',
    check: (b) => assertStatus(b, ['approved', 'scheduled'], '只有已审核的公告可以定时发布'),
    set: () => ({ scheduled_at: input.publishAt }),
    publishAt: input.publishAt,
  });
}

/** scheduled → approved: the embargo is lifted by hand or moved; nothing goes out. */
export async function unscheduleBulletin(ctx: WriteContext, raw: Step): Promise<Bulletin> {
  const input = bulletinStepInput.parse(raw);
  return step(ctx, input, {
    action: 'bulletin.unschedule',
    to: 'approved',
    check: (b) => assertStatus(b, ['scheduled'], '该公告没有定时发布'),
    set: () => ({ scheduled_at: null }),
  });
}

function publishSet(b: Bulletin, now: string) {
  return {
    published_revision: b.currentRevision.number,
    first_published_at: b.firstPublishedAt ?? now,
    published_at: now,
    scheduled_at: null,
  };
}

function assertApprovedRevision(b: Bulletin) {
  if (b.status !== 'approved' && b.status !== 'scheduled') {
    throw new InputError('id', b.status === 'published' ? '当前版本已发布' : '公告须经另一人审核批准后才能发布');
  }
}

/** approved → published, at once. */
export async function publishBulletin(ctx: WriteContext, raw: Step): Promise<Bulletin> {
  const input = bulletinStepInput.parse(raw);
  return step(ctx, input, {
    action: 'bulletin.publish',
    to: 'published',
    check: assertApprovedRevision,
    set: publishSet,
    comment: null,
  });
}

/**
 * Publishes every scheduled bulletin whose time has come. Run by the scheduler (as the system) when
 * the time falls due, and at start-up for any that fell due while the system was down.
 */
export async function publishDueBulletins(
  ctx: WriteContext,
  options: { onError?: (bulletinId: string, error: unknown) => void } = {},
): Promise<Bulletin[]> {
  const now = ctx.now.toISOString();
  const due = await ctx.db
    .selectFrom('bulletin')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .execute();
  const published: Bulletin[] = [];
  // One at a time, each in its own transaction: one that cannot go out does not hold back the rest.
  for (const { id } of due) {
    try {
      const fresh = await getBulletin(ctx.db, id);
      // Changed since the list was read (edited, unscheduled or moved): nothing is due for it now.
      if (fresh.status !== 'scheduled' || !fresh.scheduledAt || fresh.scheduledAt > now) continue;
      published.push(
        await step(ctx, { id, expectedVersion: fresh.version }, {
          action: 'bulletin.publish',
          to: 'published',
          check: assertApprovedRevision,
          set: publishSet,
          comment: '按计划时间自动发布',
        }),
      );
    } catch (error) {
      options.onError?.(id, error);
    }
  }
  return published;
}

/** The earliest scheduled publication, or null. */
export async function nextScheduledBulletin(db: Executor): Promise<{ at: string; title: string } | null> {
  const row = await db
    .selectFrom('bulletin')
    .innerJoin('bulletin_revision', (j) =>
      j.onRef('bulletin_revision.bulletin_id', '=', 'bulletin.id').onRef('bulletin_revision.number', '=', 'bulletin.current_revision'),
    )
    .select(['bulletin.scheduled_at', 'bulletin_revision.title'])
    .where('bulletin.status', '=', 'scheduled')
    .where('bulletin.scheduled_at', 'is not', null)
    .orderBy('bulletin.scheduled_at')
    .limit(1)
    .executeTakeFirst();
  return row?.scheduled_at ? { at: row.scheduled_at, title: row.title } : null;
}

/** published → withdrawn: the page stays at its address and says why it was withdrawn. */
export async function withdrawBulletin(ctx: WriteContext, raw: Step & { reason: string }): Promise<Bulletin> {
  const input = withdrawBulletinInput.parse(raw);
  return step(ctx, input, {
    action: 'bulletin.withdraw',
    to: 'withdrawn',
    check: (b) => {
      if (b.status === 'withdrawn') throw new InputError('id', '该公告已撤回');
      if (!b.publishedRevision) throw new InputError('id', '未发布的公告无需撤回，可继续编辑');
    },
    set: (_b, now) => ({ withdrawn_at: now, withdrawn_reason: input.reason, scheduled_at: null }),
    comment: input.reason,
  });
}

/** Keeps the name a person gave the file, without any folder part or control characters. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 150);
}

/** Stores an uploaded file after checking its real type from its content. A revision lists it when saved. */
export async function uploadAttachment(ctx: WriteContext, raw: UploadAttachmentInput): Promise<BulletinAttachment> {
  const input = uploadAttachmentInput.parse(raw);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new InputError('file', '文件为空');
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    throw new InputError('file', `文件 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB 的上限`);
  }
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected && detected.mime in ATTACHMENT_TYPES ? (detected.mime as AttachmentMediaType) : null;
  if (!type) {
    throw new InputError(
      'file',
      `只接受 PDF 和 PNG、JPEG、GIF、WebP 图片；按文件内容判断，该文件${detected ? `是 ${detected.mime}` : '不是其中任何一种'}`,
    );
  }
  let filename = cleanFilename(input.filename);
  if (!filename) throw new InputError('filename', '文件名无效');
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  const expected = ATTACHMENT_TYPES[type];
  const accepted: string[] = type === 'image/jpeg' ? ['jpg', 'jpeg'] : [expected.ext];
  if (!ext) filename = `${filename}.${expected.ext}`;
  else if (!accepted.includes(ext)) throw new InputError('file', `文件名是 .${ext}，但内容是 ${expected.label}；请改正文件名后再上传`);
  return inTransaction(ctx.db, async (tx) => {
    const bulletin = await getBulletin(tx, input.bulletinId);
    if (bulletin.status === 'withdrawn') throw new InputError('bulletinId', '已撤回的公告不能再添加附件');
    const id = newId();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await tx
      .insertInto('bulletin_attachment')
      .values({
        id,
        bulletin_id: input.bulletinId,
        filename,
        media_type: type,
        size_bytes: bytes.length,
        sha256,
        created_at: ctx.now.toISOString(),
        created_by: ctx.actor.id,
        content: bytes,
      })
      .execute();
    const attachment: BulletinAttachment = { id, filename, mediaType: type, sizeBytes: bytes.length, sha256 };
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'bulletin.attachment.upload', entityType: 'bulletin', entityId: input.bulletinId, after: attachment });
    return attachment;
  });
}
