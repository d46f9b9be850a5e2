// Takedowns: a published bulletin that should never have been public (personal data published by
// mistake) is taken down by two people, an admin and a reviewer: one asks, with the reason the
// public will read, the other confirms. Confirmed, the bulletin keeps its address and says it was
// taken down, when and why; every revision's text and every attachment are deleted from the
// database, so no page, feed, search index, open data file or later release can carry them. (Old
// releases on disk lose the bulletin's folder at the next release: see the publisher.)
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { recordAudit, redactAuditEntries } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError, PermissionError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { getBulletin } from './read.ts';
import { requestTakedownInput, takedownStepInput } from './schema.ts';

/** What a taken-down bulletin's revisions say instead of their text. */
export const TAKEN_DOWN_TITLE = '（已撤下的公告）';

const TAKEDOWN_ROLES = ['admin', 'reviewer'] as const;
/** The takedown's own audit entries: they keep their words (the public reason). */
const TAKEDOWN_ACTIONS = ['bulletin.takedown_request', 'bulletin.takedown', 'bulletin.takedown_cancel'];
const ROLE_NAME = { admin: '管理员', reviewer: '审核人员' } as const;

export interface Takedown {
  id: string;
  bulletinId: string;
  /** The bulletin's public title while it is still up (null once taken down). */
  title: string | null;
  reason: string;
  status: 'requested' | 'done' | 'cancelled';
  requestedAt: string;
  requestedBy: { id: string | null; name: string; role: string };
  decidedAt: string | null;
}

function assertRole(ctx: WriteContext): 'admin' | 'reviewer' {
  const role = ctx.actor.role;
  if (role !== 'admin' && role !== 'reviewer') throw new PermissionError('撤下公告须由管理员和审核人员各一人操作');
  return role;
}

/**
 * The bulletin's titles leave the site's history too: the console's list of site changes and the
 * releases' reasons ('发布公告：<title>') name it as taken down instead. (The public transparency log
 * never had them: see site-note.ts.)
 */
async function forgetTitles(db: Executor, bulletinId: string): Promise<void> {
  const revisions = await db.selectFrom('bulletin_revision').select('title').where('bulletin_id', '=', bulletinId).execute();
  for (const title of new Set(revisions.map((r) => r.title))) {
    const said = `公告：${title}`;
    const instead = `公告：${TAKEN_DOWN_TITLE}`;
    await db
      .updateTable('site_change')
      .set({ reason: sql<string>`replace(reason, ${said}, ${instead})` })
      .where('path', '=', `/bulletins/${bulletinId}/`)
      .execute();
    // The reasons are a JSON array of strings: the title as JSON writes it.
    const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
    await db
      .updateTable('release')
      .set({ reasons: sql<string>`replace(reasons, ${inJson(said)}, ${inJson(instead)})` })
      .where(sql<boolean>`instr(reasons, ${inJson(said)}) > 0`)
      .execute();
  }
}

/** Asks for a takedown of a published (or withdrawn) bulletin; nothing changes until the other role confirms. */
export async function requestTakedown(ctx: WriteContext, raw: unknown): Promise<Takedown> {
  const input = requestTakedownInput.parse(raw);
  const role = assertRole(ctx);
  return inTransaction(ctx.db, async (db) => {
    const b = await getBulletin(db, input.id);
    if (!b.publishedRevision) throw new InputError('id', '未发布过的公告公众看不到，无需撤下，可直接修改');
    if (b.takenDownAt) throw new ConflictError('该公告已撤下');
    const open = await db
      .selectFrom('bulletin_takedown')
      .select('id')
      .where('bulletin_id', '=', b.id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (open) throw new ConflictError('该公告已有待确认的撤下申请');
    const id = newId();
    await db
      .insertInto('bulletin_takedown')
      .values({
        id,
        bulletin_id: b.id,
        reason: input.reason,
        status: 'requested',
        requested_at: ctx.now.toISOString(),
        requested_by: ctx.actor.id,
        requested_role: role,
        decided_at: null,
        decided_by: null,
      })
      .execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'bulletin.takedown_request',
      entityType: 'bulletin',
      entityId: b.id,
      after: { takedown: id },
      reason: input.reason,
    });
    return (await listTakedowns(db, { ids: [id] }))[0]!;
  });
}

async function openTakedown(db: Executor, takedownId: string) {
  const t = await db.selectFrom('bulletin_takedown').selectAll().where('id', '=', takedownId).executeTakeFirst();
  if (!t) throw new NotFoundError('没有这项撤下申请');
  if (t.status !== 'requested') throw new ConflictError(t.status === 'done' ? '该公告已撤下' : '该撤下申请已取消');
  return t;
}

/**
 * Confirms a takedown: by the other role and another person. The text of every revision and every
 * attachment are deleted; the bulletin is withdrawn with the reason, marked taken down.
 */
export async function confirmTakedown(ctx: WriteContext, raw: unknown): Promise<{ bulletinId: string }> {
  const { takedownId } = takedownStepInput.parse(raw);
  const role = assertRole(ctx);
  return inTransaction(ctx.db, async (db) => {
    const t = await openTakedown(db, takedownId);
    if (t.requested_by === ctx.actor.id) throw new PermissionError('撤下须由另一人确认');
    if (t.requested_role === role) {
      const other = TAKEDOWN_ROLES.find((r) => r !== role)!;
      throw new PermissionError(`这项撤下由${ROLE_NAME[role]}提出，须由${ROLE_NAME[other]}确认`);
    }
    const now = ctx.now.toISOString();
    const before = await getBulletin(db, t.bulletin_id);
    await forgetTitles(db, t.bulletin_id);
    await db
      .updateTable('bulletin_revision')
      .set({ title: TAKEN_DOWN_TITLE, issuer: '—', body_md: '', change_reason: null })
      .where('bulletin_id', '=', t.bulletin_id)
      .execute();
    await db.deleteFrom('bulletin_revision_attachment').where('bulletin_id', '=', t.bulletin_id).execute();
    await db.deleteFrom('bulletin_attachment').where('bulletin_id', '=', t.bulletin_id).execute();
    await db
      .updateTable('bulletin')
      .set((eb) => ({
        status: 'withdrawn',
        withdrawn_at: before.withdrawnAt ?? now,
        withdrawn_reason: t.reason,
        taken_down_at: now,
        scheduled_at: null,
        approved_publish_at: null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', t.bulletin_id)
      .execute();
    await db
      .insertInto('bulletin_transition')
      .values({
        bulletin_id: t.bulletin_id,
        revision: before.currentRevision.number,
        from_status: before.status,
        to_status: 'withdrawn',
        at: now,
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.name,
        comment: `撤下：${t.reason}`,
        publish_at: null,
      })
      .execute();
    await db
      .updateTable('bulletin_takedown')
      .set({ status: 'done', decided_at: now, decided_by: ctx.actor.id })
      .where('id', '=', t.id)
      .execute();
    // The audit log keeps who did what and when about the bulletin, not what it said.
    const audit = await redactAuditEntries(db, ctx.now, { entityType: 'bulletin', entityId: t.bulletin_id, except: TAKEDOWN_ACTIONS });
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'bulletin.takedown',
      entityType: 'bulletin',
      entityId: t.bulletin_id,
      before: { status: before.status, revisions: before.revisionCount, attachments: before.uploads.length },
      after: { status: 'withdrawn', takenDown: true, takedown: t.id, auditEntriesCleared: audit.redacted, auditEntriesKept: audit.kept },
      reason: t.reason,
    });
    return { bulletinId: t.bulletin_id };
  });
}

/** Withdraws a takedown request (either role); nothing was changed. */
export async function cancelTakedown(ctx: WriteContext, raw: unknown): Promise<void> {
  const { takedownId } = takedownStepInput.parse(raw);
  assertRole(ctx);
  await inTransaction(ctx.db, async (db) => {
    const t = await openTakedown(db, takedownId);
    await db
      .updateTable('bulletin_takedown')
      .set({ status: 'cancelled', decided_at: ctx.now.toISOString(), decided_by: ctx.actor.id })
      .where('id', '=', t.id)
      .execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'bulletin.takedown_cancel',
      entityType: 'bulletin',
      entityId: t.bulletin_id,
      after: { takedown: t.id },
    });
  });
}

/** Takedowns, newest first: those asked for and not yet decided unless `all`. */
export async function listTakedowns(
  db: Executor,
  filter: { ids?: string[]; bulletinId?: string; all?: boolean } = {},
): Promise<Takedown[]> {
  let q = db
    .selectFrom('bulletin_takedown as t')
    .leftJoin('app_user as u', 'u.id', 't.requested_by')
    .innerJoin('bulletin as b', 'b.id', 't.bulletin_id')
    .leftJoin('bulletin_revision as r', (j) => j.onRef('r.bulletin_id', '=', 'b.id').onRef('r.number', '=', 'b.published_revision'))
    .select([
      't.id',
      't.bulletin_id',
      't.reason',
      't.status',
      't.requested_at',
      't.requested_by',
      't.requested_role',
      't.decided_at',
      'u.display_name',
      'b.taken_down_at',
      'r.title',
    ])
    .orderBy('t.requested_at', 'desc');
  if (filter.ids) q = q.where('t.id', 'in', filter.ids);
  if (filter.bulletinId) q = q.where('t.bulletin_id', '=', filter.bulletinId);
  if (!filter.all && !filter.ids) q = q.where('t.status', '=', 'requested');
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    bulletinId: r.bulletin_id,
    title: r.taken_down_at ? null : (r.title ?? null),
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at,
    requestedBy: { id: r.requested_by, name: r.display_name ?? '（未知用户）', role: r.requested_role },
    decidedAt: r.decided_at,
  }));
}

/** The bulletins taken down, for the publisher to remove from releases kept on disk. */
export async function takenDownBulletinIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('bulletin').select('id').where('taken_down_at', 'is not', null).execute();
  return rows.map((r) => r.id);
}
