import { nextScheduledBulletin } from '../bulletin/bulletin.ts';
import type { Executor } from '../db/database.ts';
import { liveRelease } from './release.ts';

/**
 * The earliest change the live site does not show yet: a zone change announced for a time after
 * `since` (ISO instant), or a bulletin scheduled for publication (at any time: one whose time has
 * passed is still waiting to go out). Null when there is none.
 */
export async function nextChangeAfter(db: Executor, since: string): Promise<{ at: string; reason: string } | null> {
  const [zone, scheduled] = await Promise.all([nextZoneChangeAfter(db, since), scheduledBulletinChange(db)]);
  if (!zone) return scheduled;
  if (!scheduled) return zone;
  return scheduled.at <= zone.at ? scheduled : zone;
}

async function scheduledBulletinChange(db: Executor): Promise<{ at: string; reason: string } | null> {
  const bulletin = await nextScheduledBulletin(db);
  return bulletin ? { at: bulletin.at, reason: `定时发布公告：${bulletin.title}` } : null;
}

async function nextZoneChangeAfter(db: Executor, since: string): Promise<{ at: string; reason: string } | null> {
  const event = await db
    .selectFrom('zone_event')
    .innerJoin('zone', 'zone.id', 'zone_event.zone_id')
    .select(['zone_event.effective_at', 'zone_event.action', 'zone.name'])
    .where('zone_event.effective_at', '>', since)
    .orderBy('zone_event.effective_at')
    .limit(1)
    .executeTakeFirst();
  return event ? { at: event.effective_at, reason: `计划变更生效：${event.name}` } : null;
}

export interface ScheduledRebuildsOptions {
  db: Executor;
  /** Asks for a new release. */
  request: (reason: string) => void;
  /** Runs when a change falls due, before the release is asked for (publishes scheduled bulletins). */
  onDue?: (now: Date) => Promise<unknown>;
  now?: () => Date;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (message: string) => void;
}

// setTimeout cannot wait longer than 2^31−1 ms; a later change is re-checked when that timer fires.
const MAX_DELAY_MS = 2_147_483_647;

/**
 * Changes announced for a later time (a zone lifted from tomorrow 00:00) take effect on their own:
 * the public site is rebuilt when the next one falls due, whether or not anyone is signed in.
 * Call `refresh()` after every release goes live and at start-up; a change that fell due while the
 * system was down is caught up at once.
 */
export class ScheduledRebuilds {
  private readonly opts: Required<ScheduledRebuildsOptions>;
  private timer: unknown = null;
  private stopped = false;

  constructor(options: ScheduledRebuildsOptions) {
    this.opts = {
      now: () => new Date(),
      setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      log: () => {},
      onDue: async () => {},
      ...options,
    };
  }

  /** Re-plans the timer from the live release: the site shows the state at the moment it was built. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    const live = await liveRelease(this.opts.db);
    const builtAt = live?.startedAt ?? null;
    this.cancel();
    // Nothing live yet: the first release will show every zone change in effect, but a scheduled
    // bulletin still has to be published when its time comes.
    const next = builtAt ? await nextChangeAfter(this.opts.db, builtAt) : await scheduledBulletinChange(this.opts.db);
    if (!next || this.stopped) return;
    const delay = new Date(next.at).getTime() - this.opts.now().getTime();
    if (delay <= 0) {
      await this.due(next.reason);
      return;
    }
    this.opts.log(`next announced change at ${next.at}`);
    this.timer = this.opts.setTimer(() => {
      this.timer = null;
      if (delay > MAX_DELAY_MS) void this.refresh();
      else void this.due(next.reason).catch((error: unknown) => this.opts.log(`scheduled change failed: ${String(error)}`));
    }, Math.min(delay, MAX_DELAY_MS));
  }

  private async due(reason: string): Promise<void> {
    if (this.stopped) return;
    await this.opts.onDue(this.opts.now());
    this.opts.request(reason);
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== null) this.opts.clearTimer(this.timer);
    this.timer = null;
  }
}
