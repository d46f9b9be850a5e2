import { existsSync, mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../db/database.ts';
import { sealAuditLog, type AuditSealFiles } from '../audit/seal.ts';
import { takenDownBulletinIds } from '../bulletin/takedown.ts';
import { logEntries, writeTransparencyLog, type TransparencyLogOptions } from '../translog/log.ts';
import { snapshotDatabase } from '../db/database.ts';
import { liveRelease } from './release.ts';
import { activeBlocks, blockedName, blockItem, type BlockedItem } from './blocked.ts';
import { culpritOf, type ItemRef } from './item-tag.ts';
import { latestSiteChange, liveThrough } from './site-change.ts';
import { shareUnchangedFiles } from './share-files.ts';
import { precompress } from './precompress.ts';

export interface BuildRequest {
  /** A consistent copy of the database to build from. */
  databasePath: string;
  /** An empty folder to write the site into. */
  outDir: string;
  /** The release time the site should show as "updated". */
  builtAt: Date;
  signal: AbortSignal;
  /** Items set aside after a build failed on them: the site is built without them. */
  blocked: ItemRef[];
}
export type SiteBuilder = (request: BuildRequest) => Promise<void>;

export interface PublisherOptions {
  db: Db;
  releasesDir: string;
  build: SiteBuilder;
  /** Identifies the code that builds the site, so a new version of the site is rebuilt on start. */
  codeVersion: string;
  now?: () => Date;
  /** How many built releases to keep on disk for rollback. */
  keep?: number;
  log?: (message: string) => void;
  /**
   * Called after each build: its release went live, failed, or was built but not switched to because
   * a release started later (by another process on the same data folder) was already live.
   */
  onSettled?: (outcome: PublishOutcome, releaseId: string) => void;
  /** Where the audit log's head is signed and written with every release that goes live (audit/seal.ts). */
  auditSeal?: AuditSealFiles;
  /** The public transparency log written into every release under /log/ (translog/log.ts). */
  transparencyLog?: TransparencyLogOptions;
  /**
   * After a failed build while changes are still off the site, the next try waits this long, doubling
   * after each failure up to `maxMs` (default 5 s to 5 min); 0 turns retrying off (the command line).
   */
  retry?: { initialMs: number; maxMs: number };
}

export type PublishOutcome = 'live' | 'failed' | 'superseded';

const CURRENT = 'current';
const WORK = '.work';
/** Per process, not per publisher: two publishers of one process never make the same release id. */
let releaseSeq = 0;

/**
 * Builds the public site into a fresh release folder and switches `current` to it atomically.
 * Requests that arrive during a build are coalesced into the next one. A failed build leaves
 * the live site untouched.
 *
 * Another process (the command line) may publish from the same data folder: release ids carry the
 * process id, and the switch of `current` happens while holding SQLite's write lock, so two
 * switches never interleave and an older build never replaces a newer live one (the site builder
 * itself runs one build at a time). Only the console calls `recover()`, at start.
 */
export class Publisher {
  private readonly opts: Required<Omit<PublisherOptions, 'log' | 'onSettled' | 'auditSeal' | 'transparencyLog'>> &
    Pick<PublisherOptions, 'onSettled' | 'auditSeal' | 'transparencyLog'> & { log: (m: string) => void };
  private running: Promise<void> | null = null;
  private pending: string[] = [];
  private abort: AbortController | null = null;
  private stopped = false;
  private failures = 0;
  /**
   * What an operator must see at once: the publisher could not even record what happened (the disk
   * or the database is full). Cleared by the next release that goes live.
   */
  alert: string | null = null;
  /** The last change the build under way includes (0 when none is). */
  private buildingThrough = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(options: PublisherOptions) {
    this.opts = { now: () => new Date(), keep: 10, log: () => {}, retry: { initialMs: 5_000, maxMs: 300_000 }, ...options };
    mkdirSync(join(this.opts.releasesDir, WORK), { recursive: true });
  }

  /** The folder the public server serves: a symlink switched atomically on each release. */
  get currentDir(): string {
    return join(this.opts.releasesDir, CURRENT);
  }

  /** Marks releases left half-done by a previous process as failed, and clears their work files. */
  async recover(): Promise<void> {
    const now = this.opts.now().toISOString();
    await this.opts.db
      .updateTable('release')
      .set({ status: 'failed', error: '构建被中断（进程已停止）', finished_at: now })
      .where('status', 'in', ['queued', 'building'])
      .execute();
    rmSync(join(this.opts.releasesDir, WORK), { recursive: true, force: true });
    mkdirSync(join(this.opts.releasesDir, WORK), { recursive: true });
  }

  /** True when a live release exists on disk and was built by the current code. */
  async isCurrent(): Promise<boolean> {
    const live = await liveRelease(this.opts.db);
    return !!live && live.codeVersion === this.opts.codeVersion && existsSync(join(this.currentDir, 'index.html'));
  }

  /**
   * Asks for a new release when the site is behind the data: on start, after a failure, and now and
   * then for changes recorded by another process (the command line). True when one was asked for.
   */
  async resume(reason: string): Promise<boolean> {
    if (this.stopped) return false;
    const [latest, live] = [await latestSiteChange(this.opts.db), await liveThrough(this.opts.db)];
    // A build under way that includes the latest change will take it live.
    if (latest <= Math.max(live, this.buildingThrough)) return false;
    this.request(reason);
    return true;
  }

  /** Asks for a new release; returns at once. */
  request(reason: string): void {
    if (this.stopped) return;
    this.pending.push(reason);
    if (!this.running) this.running = this.loop();
  }

  /** Resolves when no build is running or queued. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops building: a running build is aborted and recorded as failed; the live site stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = [];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.abort?.abort();
    await this.idle();
  }

  private async loop(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.stopped) {
        const reasons = this.pending;
        this.pending = [];
        try {
          await this.buildOnce(reasons);
        } catch (error) {
          // Not even the attempt could be recorded (a full disk: SQLITE_FULL, ENOSPC): the process
          // stays up, the live site stays, the alert is shown, and it is tried again later.
          this.raise(`公众网站未能生成，也未能记录这次失败：${errorText(error).split('\n')[0]}`);
          this.retryLater();
        }
      }
    } finally {
      this.running = null;
    }
  }

  private newReleaseId(): string {
    const t = this.opts
      .now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    releaseSeq += 1;
    return `${t}-${process.pid}-${String(releaseSeq).padStart(6, '0')}`;
  }

  private async buildOnce(reasons: string[]): Promise<void> {
    const { db, releasesDir, log } = this.opts;
    const id = this.newReleaseId();
    const started = this.opts.now();
    // Read before the snapshot: the release includes at least every change up to this one.
    const through = await latestSiteChange(db);
    this.buildingThrough = through;
    // Items set aside by an earlier failure stay out, unless they changed since.
    const blocked = await activeBlocks(db, started);
    await db
      .insertInto('release')
      .values({
        id,
        status: 'building',
        reasons: JSON.stringify(reasons),
        requested_at: started.toISOString(),
        started_at: started.toISOString(),
        finished_at: null,
        error: null,
        path: null,
        code_version: this.opts.codeVersion,
        through_change: through,
      })
      .execute();
    const workDir = join(releasesDir, WORK, id);
    const snapshot = join(releasesDir, WORK, `${id}.sqlite`);
    const finalDir = join(releasesDir, id);
    this.abort = new AbortController();
    log(`release ${id}: building (${reasons.join('; ')})`);
    try {
      await snapshotDatabase(db, snapshot);
      mkdirSync(workDir, { recursive: true });
      await this.opts.build({
        databasePath: snapshot,
        outDir: workDir,
        builtAt: started,
        signal: this.abort.signal,
        blocked: blocked.map((b) => ({ kind: b.kind, id: b.itemId, path: b.path })),
      });
      if (!existsSync(join(workDir, 'index.html'))) throw new Error('the build produced no index.html');
      if (this.opts.transparencyLog) {
        // Every change up to this release, as the public log (from the live database: the same rows, append-only).
        const checkpoint = writeTransparencyLog(join(workDir, 'log'), await logEntries(db, through), this.opts.transparencyLog);
        log(`release ${id}: transparency log of ${checkpoint.size} entries signed`);
      }
      // Files unchanged since the live release are shared with it (hard links), then their compressed
      // copies too: neither compressed nor stored again.
      const live = existsSync(this.currentDir) ? resolve(releasesDir, readlinkSync(this.currentDir)) : null;
      if (live && existsSync(live)) {
        const shared = shareUnchangedFiles(workDir, live);
        log(`release ${id}: ${shared.files} unchanged files (${Math.round(shared.bytes / 1024)} KB) shared with the live release`);
      }
      const packed = precompress(workDir, live && existsSync(live) ? live : undefined);
      log(
        `release ${id}: ${packed.files} text files precompressed (${Math.round(packed.bytes / 1024)} KB → ${Math.round(packed.brotliBytes / 1024)} KB brotli; ${packed.reused} unchanged, their copies reused)`,
      );
      renameSync(workDir, finalDir);
      const finished = this.opts.now().toISOString();
      const outcome = await db.transaction().execute(async (tx) => {
        // A write first: it takes the database's write lock (waiting for another publisher's switch).
        await tx.updateTable('release').set({ path: finalDir }).where('id', '=', id).execute();
        const newer = await tx
          .selectFrom('release')
          .select('id')
          .where('status', '=', 'live')
          .where('started_at', '>', started.toISOString())
          .executeTakeFirst();
        if (newer) {
          await tx.updateTable('release').set({ status: 'retired', finished_at: finished }).where('id', '=', id).execute();
          return 'superseded' as const;
        }
        await tx.updateTable('release').set({ status: 'retired' }).where('status', '=', 'live').execute();
        await tx.updateTable('release').set({ status: 'live', finished_at: finished }).where('id', '=', id).execute();
        this.switchCurrent(id);
        return 'live' as const;
      });
      log(outcome === 'live' ? `release ${id}: live` : `release ${id}: built, but a newer release is already live`);
      if (outcome === 'live') await this.purgeTakenDown(id);
      if (outcome === 'live' && this.opts.auditSeal) {
        // A head that cannot be written is said, never a reason to take the release back.
        try {
          const head = await sealAuditLog(db, this.opts.auditSeal, { now: this.opts.now(), release: id });
          if (head) log(`release ${id}: audit log sealed at entry ${head.id} (${head.count} entries)`);
        } catch (error) {
          log(`release ${id}: could not seal the audit log: ${errorText(error)}`);
        }
      }
      this.failures = 0;
      this.alert = null;
      await this.prune();
      this.opts.onSettled?.(outcome, id);
    } catch (error) {
      const message = this.abort.signal.aborted ? '构建被中断（进程已停止）' : errorText(error);
      rmSync(workDir, { recursive: true, force: true });
      try {
        await db
          .updateTable('release')
          .set({ status: 'failed', error: message, finished_at: this.opts.now().toISOString() })
          .where('id', '=', id)
          .execute();
      } catch (recording) {
        this.raise(`公众网站生成失败（${message.split('\n')[0]}），且未能记录这次失败：${errorText(recording).split('\n')[0]}`);
      }
      log(`release ${id}: failed: ${message.split('\n')[0]}`);
      this.opts.onSettled?.('failed', id);
      if (!this.abort.signal.aborted && !(await this.setAside(id, message, blocked))) this.retryLater();
    } finally {
      this.buildingThrough = 0;
      rmSync(snapshot, { force: true });
      rmSync(`${snapshot}-wal`, { force: true });
      rmSync(`${snapshot}-shm`, { force: true });
      this.abort = null;
    }
  }

  /**
   * When the failure names one item (a bulletin, a conference) not set aside yet, sets it aside with
   * the reason and builds again at once without it: the rest of the site publishes. True when it did.
   */
  private async setAside(releaseId: string, message: string, blocked: BlockedItem[]): Promise<boolean> {
    const culprit = culpritOf(message);
    if (!culprit) return false;
    const { item } = culprit;
    if (blocked.some((b) => b.kind === item.kind && b.itemId === item.id)) return false;
    try {
      // What went wrong with the item first, then the whole output.
      await blockItem(this.opts.db, item, { releaseId, reason: `${culprit.message}\n\n${message}`, now: this.opts.now() });
    } catch (error) {
      this.raise(`未能隔离${blockedName(item)}：${errorText(error).split('\n')[0]}`);
      return false;
    }
    this.opts.log(`release ${releaseId}: ${blockedName(item)} set aside (${culprit.message}); building the rest of the site again`);
    this.request(`隔离${blockedName(item)} 后重新生成其余内容`);
    return true;
  }

  private raise(message: string): void {
    this.alert = message;
    this.opts.log(`ALERT: ${message}`);
  }

  /** After a failure, tries again later while changes are off the site: waiting longer after each failure. */
  private retryLater(): void {
    const { initialMs, maxMs } = this.opts.retry;
    if (this.stopped || initialMs <= 0 || this.retryTimer) return;
    this.failures += 1;
    const delay = Math.min(maxMs, initialMs * 2 ** (this.failures - 1));
    this.opts.log(`next try in ${Math.round(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.resume(`上次生成失败后重试（第${this.failures}次）`).catch((error: unknown) =>
        this.opts.log(`retry failed: ${errorText(error)}`),
      );
    }, delay);
    this.retryTimer.unref();
  }

  /**
   * A bulletin taken down is gone from the new release; the releases kept on disk for rollback lose
   * its folder too (its pages and attachments), so no copy of what was taken down stays behind.
   */
  private async purgeTakenDown(liveId: string): Promise<void> {
    const ids = await takenDownBulletinIds(this.opts.db);
    if (ids.length === 0) return;
    let removed = 0;
    for (const entry of readdirSync(this.opts.releasesDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === liveId || entry.name.startsWith('.')) continue;
      for (const id of ids) {
        const folder = join(this.opts.releasesDir, entry.name, 'bulletins', id);
        if (existsSync(folder)) {
          rmSync(folder, { recursive: true, force: true });
          removed += 1;
        }
      }
    }
    if (removed > 0) this.opts.log(`release ${liveId}: removed ${removed} taken-down bulletin folders from older releases`);
  }

  private switchCurrent(id: string): void {
    const tmp = join(this.opts.releasesDir, `${CURRENT}.${id}.tmp`);
    rmSync(tmp, { force: true });
    symlinkSync(id, tmp, 'dir');
    renameSync(tmp, this.currentDir); // rename(2) replaces the old link atomically
  }

  /** Keeps the newest `keep` release folders on disk, and always the live one. */
  private async prune(): Promise<void> {
    const live = existsSync(this.currentDir) ? readlinkSync(this.currentDir) : null;
    const dirs = readdirSync(this.opts.releasesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== WORK)
      .map((d) => d.name)
      .sort()
      .reverse();
    for (const name of dirs.slice(this.opts.keep)) {
      if (name === live) continue;
      rmSync(join(this.opts.releasesDir, name), { recursive: true, force: true });
      await this.opts.db.updateTable('release').set({ path: null }).where('id', '=', name).execute();
    }
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.message}${'output' in error ? `\n${String(error.output)}` : ''}` : String(error);
  return text.length > 8000 ? `…${text.slice(-8000)}` : text;
}
