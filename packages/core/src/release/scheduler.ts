import { nextScheduledBulletin } from '../bulletin/bulletin.ts';
import type { Executor } from '../db/database.ts';
import { liveRelease } from './release.ts';

/**
 * The earliest change the live site does not show yet: a zone change announced for a time after
 * `since` (ISO instant, when the live site was built); a bulletin scheduled for publication (at any
 * time: one whose time has passed is still waiting to go out); or a bulletin published or withdrawn
 * after `since` (its build failed or has not run yet). Null when there is none.
 */
export async function nextChangeAfter(db: Executor, since: string): Promise<{ at: string; reason: string } | null> {
  const found = await Promise.all([nextZoneChangeAfter(db, since), scheduledBulletinChange(db), unshownBulletinChange(db, since)]);
  return found.reduce<{ at: string; reason: string } | null>((a, b) => (!b ? a : !a || b.at < a.at ? b : a), null);
}

async function unshownBulletinChange(db: Executor, since: string): Promise<{ at: string; reason: string } | null> {
  const rows = await db
    .selectFrom('bulletin')
    .select(['published_at', 'withdrawn_at'])
    .where((eb) => eb.or([eb('published_at', '>', since), eb('withdrawn_at', '>', since)]))
    .execute();
  const times = rows.flatMap((r) => [r.published_at, r.withdrawn_at]).filter((t): t is string => t !== null && t > since);
  if (times.length === 0) return null;
  return { at: times.sort()[0]!, reason: '公告已发布或撤回，公众网站尚未更新' };
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
    .where('zone_event.voided_at', 'is', null)
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
  /** Bumped by every refresh: a refresh overtaken by a later one plans nothing. */
  private generation = 0;

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
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.stopped;
    this.cancel();
    const live = await liveRelease(this.opts.db);
    const builtAt = live?.startedAt ?? null;
    // Nothing live yet: the first release will show every zone change in effect, but a scheduled
    // bulletin still has to be published when its time comes.
    const next = builtAt ? await nextChangeAfter(this.opts.db, builtAt) : await scheduledBulletinChange(this.opts.db);
    if (!next || !current()) return;
    const delay = new Date(next.at).getTime() - this.opts.now().getTime();
    if (delay <= 0) {
      await this.due(next.reason);
      return;
    }
    this.opts.log(`next announced change at ${next.at}`);
    this.cancel();
    this.timer = this.opts.setTimer(
      () => {
        this.timer = null;
        if (delay > MAX_DELAY_MS) void this.refresh();
        else void this.due(next.reason);
      },
      Math.min(delay, MAX_DELAY_MS),
    );
  }

  /** Publishes what fell due, then asks for a release, even when publishing part of it failed. */
  private async due(reason: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.opts.onDue(this.opts.now());
    } catch (error) {
      this.opts.log(`scheduled change failed: ${String(error)}`);
    }
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
