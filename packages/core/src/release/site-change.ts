// The changes the public site shows, recorded in the transaction of each change: the site is behind
// the data while the live release does not include the latest one. What a press officer or a
// reviewer sees of each change: waiting, being built, live, or failed with the reason.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Actor, WriteContext } from '../shared/actor.ts';
import { inTransaction } from '../shared/tx.ts';

import type { SiteChangeStatus } from './site-change-status.ts';

export { SITE_CHANGE_STATUSES, SITE_CHANGE_STATUS_LABELS, type SiteChangeStatus } from './site-change-status.ts';

/**
 * What a change is called in the site's history, and the public page that shows it when known;
 * `logReason`: what the public transparency log says instead, when it must say less (a bulletin's
 * change without its title, which a takedown could not remove from the log).
 */
export type SiteChangeNote = string | { reason: string; path: string | null; logReason?: string };

export interface SiteChange {
  id: number;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  /** The public page that shows the change, when known ('/press-conferences/city-12/'). */
  path: string | null;
  status: SiteChangeStatus;
  /** The release that took it live, is building it, or failed to. */
  releaseId: string | null;
  /** When it went live. */
  liveAt: string | null;
  /** Why the last release that should have taken it live failed, or why its item was set aside. */
  error: string | null;
}

/** Records a change the public site shows; call it inside the transaction of the change. Its number. */
export async function recordSiteChange(db: Executor, ctx: { actor: Actor; now: Date }, note: SiteChangeNote): Promise<number> {
  const { reason, path, logReason } = typeof note === 'string' ? { reason: note, path: null, logReason: undefined } : note;
  const row = await db
    .insertInto('site_change')
    .values({
      reason: reason.slice(0, 500),
      path,
      log_reason: logReason?.slice(0, 500) ?? null,
      requested_at: ctx.now.toISOString(),
      requested_by: ctx.actor.id,
      requested_by_name: ctx.actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Runs a write the public site shows and records it (`note` names it from the result, with its public
 * page when known; null: nothing changed) in the same transaction: acknowledged means recorded, so the site catches up even if the
 * process dies before it is rebuilt. The reason recorded, or null.
 */
export async function writeForSite<R>(
  ctx: WriteContext,
  write: (ctx: WriteContext) => Promise<R>,
  note: (result: R) => SiteChangeNote | null,
): Promise<{ result: R; reason: string | null }> {
  return inTransaction(ctx.db, async (tx) => {
    const result = await write({ ...ctx, db: tx });
    const what = note(result);
    if (what) await recordSiteChange(tx, ctx, what);
    return { result, reason: what === null ? null : typeof what === 'string' ? what : what.reason };
  });
}

/** The number of the latest change recorded (0 when none). */
export async function latestSiteChange(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('site_change')
    .select(sql<number | null>`max(id)`.as('id'))
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** The last change the live release includes (0 when there is none, or it was built before changes were recorded). */
export async function liveThrough(db: Executor): Promise<number> {
  const live = await db.selectFrom('release').select('through_change').where('status', '=', 'live').executeTakeFirst();
  return live?.through_change ?? 0;
}

/** Whether a recorded change is not yet on the live site. */
export async function siteBehind(db: Executor): Promise<boolean> {
  return (await latestSiteChange(db)) > (await liveThrough(db));
}

/**
 * The latest changes, newest first, each with where it stands: live once a release including it
 * went live (the first one that did), else as the last release that included it stands (building,
 * or failed with its reason), else waiting.
 */
export async function listSiteChanges(db: Executor, limit = 50): Promise<SiteChange[]> {
  const changes = await db.selectFrom('site_change').selectAll().orderBy('id', 'desc').limit(limit).execute();
  if (changes.length === 0) return [];
  const oldest = changes[changes.length - 1]!.id;
  const releases = await db
    .selectFrom('release')
    .select(['id', 'status', 'through_change', 'started_at', 'finished_at', 'error'])
    .where('through_change', '>=', oldest)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  const through = await liveThrough(db);
  const blocks = await db
    .selectFrom('blocked_item')
    .select(['path', 'reason', 'release_id', 'after_change'])
    .where('cleared_at', 'is', null)
    .execute();
  return changes.map((c) => {
    const base = { id: c.id, reason: c.reason, path: c.path, requestedAt: c.requested_at, requestedBy: c.requested_by_name };
    // Its item was set aside by a build that included it: the rest went live, this did not.
    const block = c.path === null ? undefined : blocks.find((b) => b.path === c.path && b.after_change >= c.id);
    if (block) return { ...base, status: 'blocked' as const, releaseId: block.release_id, liveAt: null, error: block.reason };
    const including = releases.filter((r) => (r.through_change ?? 0) >= c.id);
    if (c.id <= through) {
      const first = including.find((r) => r.status === 'live' || r.status === 'retired');
      return { ...base, status: 'live' as const, releaseId: first?.id ?? null, liveAt: first?.finished_at ?? null, error: null };
    }
    // The last release that tried to include it: still building, or failed.
    const last = including[including.length - 1];
    if (last && (last.status === 'building' || last.status === 'queued')) {
      return { ...base, status: 'building' as const, releaseId: last.id, liveAt: null, error: null };
    }
    if (last?.status === 'failed') return { ...base, status: 'failed' as const, releaseId: last.id, liveAt: null, error: last.error };
    return { ...base, status: 'pending' as const, releaseId: null, liveAt: null, error: null };
  });
}
