import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { renderMarkdown } from './markdown.ts';
import {
  createBulletinInput,
  publishBulletinInput,
  updateBulletinInput,
  type BulletinCategory,
  type BulletinContentInput,
  type BulletinStatus,
  type UpdateBulletinInput,
} from './schema.ts';

export interface BulletinRevision {
  number: number;
  title: string;
  issuer: string;
  issuedOn: string;
  category: BulletinCategory;
  bodyMd: string;
  changeReason: string | null;
  createdAt: string;
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
  currentRevision: BulletinRevision;
  publishedRevision: BulletinRevision | null;
  revisionCount: number;
}

/** What the public sees of a bulletin: the published revision, rendered. */
export interface PublicBulletin {
  id: string;
  title: string;
  issuer: string;
  issuedOn: string;
  category: BulletinCategory;
  bodyHtml: string;
  firstPublishedAt: string;
  publishedAt: string;
  /** Set when the published text is a later revision than the first one published. */
  updated: { at: string; reason: string | null } | null;
}

function toRevision(r: {
  number: number;
  title: string;
  issuer: string;
  issued_on: string;
  category: string;
  body_md: string;
  change_reason: string | null;
  created_at: string;
}): BulletinRevision {
  return {
    number: r.number,
    title: r.title,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    category: r.category as BulletinCategory,
    bodyMd: r.body_md,
    changeReason: r.change_reason,
    createdAt: r.created_at,
  };
}

export async function listBulletins(db: Executor, filter: { status?: BulletinStatus } = {}): Promise<Bulletin[]> {
  let q = db.selectFrom('bulletin').selectAll().orderBy('updated_at', 'desc');
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const revisions = await db
    .selectFrom('bulletin_revision')
    .selectAll()
    .where(
      'bulletin_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('number')
    .execute();
  return rows.map((b) => {
    const mine = revisions.filter((r) => r.bulletin_id === b.id);
    const current = mine.find((r) => r.number === b.current_revision)!;
    const published = b.published_revision === null ? undefined : mine.find((r) => r.number === b.published_revision);
    return {
      id: b.id,
      status: b.status as BulletinStatus,
      version: b.version,
      createdAt: b.created_at,
      updatedAt: b.updated_at,
      firstPublishedAt: b.first_published_at,
      publishedAt: b.published_at,
      withdrawnAt: b.withdrawn_at,
      withdrawnReason: b.withdrawn_reason,
      currentRevision: toRevision(current),
      publishedRevision: published ? toRevision(published) : null,
      revisionCount: mine.length,
    };
  });
}

export async function getBulletin(db: Executor, id: string): Promise<Bulletin> {
  const row = await db.selectFrom('bulletin').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`bulletin ${id} not found`);
  return (await listBulletins(db)).find((b) => b.id === id)!;
}

/** Published bulletins as the public sees them, newest first. */
export async function listPublicBulletins(db: Executor): Promise<PublicBulletin[]> {
  const all = await listBulletins(db, { status: 'published' });
  return all
    .filter((b) => b.publishedRevision && b.publishedAt && b.firstPublishedAt)
    .map((b) => {
      const r = b.publishedRevision!;
      return {
        id: b.id,
        title: r.title,
        issuer: r.issuer,
        issuedOn: r.issuedOn,
        category: r.category,
        bodyHtml: renderMarkdown(r.bodyMd),
        firstPublishedAt: b.firstPublishedAt!,
        publishedAt: b.publishedAt!,
        updated: b.publishedAt !== b.firstPublishedAt ? { at: b.publishedAt!, reason: r.changeReason } : null,
      };
    })
    .sort((a, b) => (a.issuedOn === b.issuedOn ? b.publishedAt.localeCompare(a.publishedAt) : b.issuedOn.localeCompare(a.issuedOn)));
}

export async function createBulletin(ctx: WriteContext, raw: BulletinContentInput): Promise<Bulletin> {
  const input = createBulletinInput.parse(raw);
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
    const bulletin = await getBulletin(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'bulletin.create', entityType: 'bulletin', entityId: id, after: bulletin.currentRevision });
    return bulletin;
  });
}

function assertVersion(b: Bulletin, expected: number) {
  if (b.version !== expected) {
    throw new ConflictError(`该公告已被其他人修改（当前版本 ${b.version}，你编辑的是版本 ${expected}），请刷新后重试`, 'expectedVersion');
  }
}

/** Saves a new revision. A published bulletin keeps showing its published revision until the new one is published. */
export async function updateBulletin(ctx: WriteContext, raw: UpdateBulletinInput): Promise<Bulletin> {
  const input = updateBulletinInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const before = await getBulletin(tx, input.id);
    assertVersion(before, input.expectedVersion);
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
    await tx
      .updateTable('bulletin')
      .set({ current_revision: number, version: before.version + 1, updated_at: now })
      .where('id', '=', input.id)
      .execute();
    const after = await getBulletin(tx, input.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'bulletin.revise',
      entityType: 'bulletin',
      entityId: input.id,
      before: before.currentRevision,
      after: after.currentRevision,
      reason: input.changeReason,
    });
    return after;
  });
}

/** Publishes the current revision (the review step arrives with the editorial workflow). */
export async function publishBulletin(ctx: WriteContext, raw: { id: string; expectedVersion: number }): Promise<Bulletin> {
  const input = publishBulletinInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const before = await getBulletin(tx, input.id);
    assertVersion(before, input.expectedVersion);
    if (before.status === 'withdrawn') throw new InputError('id', '已撤回的公告不能发布');
    if (before.status === 'published' && before.publishedRevision?.number === before.currentRevision.number) {
      throw new InputError('id', '当前版本已发布');
    }
    const now = ctx.now.toISOString();
    await tx
      .updateTable('bulletin')
      .set({
        status: 'published',
        published_revision: before.currentRevision.number,
        first_published_at: before.firstPublishedAt ?? now,
        published_at: now,
        version: before.version + 1,
        updated_at: now,
      })
      .where('id', '=', input.id)
      .execute();
    const after = await getBulletin(tx, input.id);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'bulletin.publish',
      entityType: 'bulletin',
      entityId: input.id,
      before: { status: before.status, publishedRevision: before.publishedRevision?.number ?? null },
      after: { status: after.status, publishedRevision: after.publishedRevision?.number ?? null, revision: after.publishedRevision },
      reason: after.publishedRevision?.changeReason ?? null,
    });
    return after;
  });
}
