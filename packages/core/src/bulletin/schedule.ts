// Scheduled publication: what falls due goes out on its own, also after a restart; the scheduler
// asks when the next one is.
import { writeForSite } from '../release/site-change.ts';
import type { Executor } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { getBulletin, type Bulletin } from './read.ts';
import { publishApproved } from './workflow.ts';
import { bulletinSiteChange } from './site-note.ts';

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
      // Recorded for the public site with the publication itself: it goes live even if the process stops before the build.
      const { result } = await writeForSite(
        ctx,
        (tx) => publishApproved(tx, { id, expectedVersion: fresh.version }, '按计划时间自动发布'),
        (b) => bulletinSiteChange('按计划发布公告', { id: b.id, title: b.currentRevision.title }),
      );
      published.push(result);
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
