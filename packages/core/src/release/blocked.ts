// Items the publisher set aside because building them failed: the rest of the site publishes, the
// console shows each with the reason. One is tried again when its public page changes (a later site
// change with the same path: the item was edited, withdrawn, republished) or when someone asks.
import { recordAudit } from '../audit/audit.ts';
import type { Executor } from '../db/database.ts';
import { SYSTEM_ACTOR, type Actor } from '../shared/actor.ts';
import { NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/tx.ts';
import { BLOCKABLE_KIND_LABELS, type BlockableKind, type ItemRef } from './item-tag.ts';
import { latestSiteChange, recordSiteChange } from './site-change.ts';

export interface BlockedItem {
  id: number;
  kind: BlockableKind;
  itemId: string;
  path: string;
  reason: string;
  releaseId: string;
  blockedAt: string;
}

type Row = { id: number; kind: string; item_id: string; path: string; reason: string; release_id: string; blocked_at: string };
const toBlocked = (r: Row): BlockedItem => ({
  id: r.id,
  kind: r.kind as BlockableKind,
  itemId: r.item_id,
  path: r.path,
  reason: r.reason,
  releaseId: r.release_id,
  blockedAt: r.blocked_at,
});

/** What the console and the command line call an item: 公告 /bulletins/12/. */
export const blockedName = (b: Pick<BlockedItem, 'kind' | 'path'>) => `${BLOCKABLE_KIND_LABELS[b.kind]} ${b.path}`;

/**
 * The items set aside now, oldest first. Those whose page changed since they were set aside are
 * cleared first (recorded in the audit log): the next build tries them again.
 */
export async function activeBlocks(db: Executor, now: Date): Promise<BlockedItem[]> {
  return inTransaction(db, async (tx) => {
    const rows = await tx.selectFrom('blocked_item').selectAll().where('cleared_at', 'is', null).orderBy('id').execute();
    const active: BlockedItem[] = [];
    for (const row of rows) {
      const changed = await tx
        .selectFrom('site_change')
        .select('id')
        .where('path', '=', row.path)
        .where('id', '>', row.after_change)
        .executeTakeFirst();
      if (!changed) {
        active.push(toBlocked(row));
        continue;
      }
      const reason = '内容已更改，重新尝试发布';
      await tx
        .updateTable('blocked_item')
        .set({ cleared_at: now.toISOString(), cleared_by_name: SYSTEM_ACTOR.name, cleared_reason: reason })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(tx, SYSTEM_ACTOR, now, { action: 'site.unblock', entityType: row.kind, entityId: row.item_id, reason });
    }
    return active;
  });
}

/** Sets an item aside after the build `releaseId` failed on it (recorded in the audit log). */
export async function blockItem(db: Executor, item: ItemRef, ctx: { releaseId: string; reason: string; now: Date }): Promise<BlockedItem> {
  return inTransaction(db, async (tx) => {
    const reason = ctx.reason.slice(0, 2000);
    const row = await tx
      .insertInto('blocked_item')
      .values({
        kind: item.kind,
        item_id: item.id,
        path: item.path,
        reason,
        release_id: ctx.releaseId,
        blocked_at: ctx.now.toISOString(),
        after_change: await latestSiteChange(tx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, SYSTEM_ACTOR, ctx.now, {
      action: 'site.block',
      entityType: item.kind,
      entityId: item.id,
      after: { path: item.path, release: ctx.releaseId },
      reason: reason.split('\n')[0],
    });
    return toBlocked(row);
  });
}

/**
 * Asks for a set-aside item to be tried again (after the cause was mended outside the item: a file
 * restored, a fix deployed): recorded as a change of its page, so the publisher builds it in.
 */
export async function retryBlocked(ctx: { db: Executor; actor: Actor; now: Date }, id: number): Promise<BlockedItem> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await tx.selectFrom('blocked_item').selectAll().where('id', '=', id).where('cleared_at', 'is', null).executeTakeFirst();
    if (!row) throw new BlockedItemNotFound(id);
    const item = toBlocked(row);
    await tx
      .updateTable('blocked_item')
      .set({ cleared_at: ctx.now.toISOString(), cleared_by_name: ctx.actor.name, cleared_reason: '要求重新尝试发布' })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'site.unblock',
      entityType: row.kind,
      entityId: row.item_id,
      reason: '要求重新尝试发布',
    });
    await recordSiteChange(tx, ctx, { reason: `重新尝试发布${blockedName(item)}`, path: item.path });
    return item;
  });
}

export class BlockedItemNotFound extends NotFoundError {
  override name = 'BlockedItemNotFound';
  constructor(id: number) {
    super(`没有编号为 ${id} 的受阻内容（可能已重新发布）`);
  }
}

/** The items set aside now, as the console lists them (without clearing anything). */
export async function listBlocked(db: Executor): Promise<BlockedItem[]> {
  const rows = await db.selectFrom('blocked_item').selectAll().where('cleared_at', 'is', null).orderBy('id').execute();
  return rows.map(toBlocked);
}
