import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { putSetting } from '../setting/setting.ts';
import { testDatabase } from '../test-support/db.ts';
import { Publisher, type BuildRequest, type SiteBuilder } from './publisher.ts';
import { listBlocked, retryBlocked } from './blocked.ts';
import { itemTag } from './item-tag.ts';
import { listReleases, liveRelease } from './release.ts';
import { listSiteChanges, recordSiteChange } from './site-change.ts';

/** A stand-in for the site build: writes an index.html naming the build and what the snapshot held. */
class FakeSite {
  readonly calls: BuildRequest[] = [];
  mode: 'ok' | 'throw' | 'no-index' | 'until-aborted' = 'ok';
  private held: { started: () => void; release: Promise<void> } | null = null;

  /** Makes the next build wait; resolves `started` once it is running. */
  hold(): { started: Promise<void>; release: () => void } {
    let release!: () => void;
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    this.held = { started, release: new Promise<void>((r) => (release = r)) };
    return { started: startedP, release };
  }

  readonly build: SiteBuilder = async (req) => {
    this.calls.push(req);
    const held = this.held;
    this.held = null;
    if (held) {
      held.started();
      await held.release;
    }
    if (this.mode === 'until-aborted') {
      if (!req.signal.aborted) await new Promise<void>((resolve) => req.signal.addEventListener('abort', () => resolve()));
      throw new Error('aborted');
    }
    if (this.mode === 'throw') throw Object.assign(new Error('site build exited with 1'), { output: 'error: page /zones failed' });
    mkdirSync(req.outDir, { recursive: true });
    if (this.mode === 'no-index') return writeFileSync(join(req.outDir, 'other.html'), '');
    const snapshot = openDatabase(req.databasePath, { readonly: true });
    const scheme = await snapshot.selectFrom('setting').select('value').where('key', '=', 'zone.level_scheme').executeTakeFirst();
    await snapshot.destroy();
    writeFileSync(join(req.outDir, 'index.html'), `build ${this.calls.length}; scheme ${scheme?.value}`);
  };
}

describe('publisher', () => {
  let dir: string;
  let db: Db;
  let site: FakeSite;
  let time: number;
  const publisherWith = (options: { keep?: number; codeVersion?: string } = {}) =>
    new Publisher({
      db,
      releasesDir: dir,
      build: site.build,
      codeVersion: options.codeVersion ?? 'v1',
      keep: options.keep ?? 10,
      now: () => new Date((time += 1000)),
    });
  const served = () => readFileSync(join(dir, 'current', 'index.html'), 'utf8');
  const workLeft = () => readdirSync(join(dir, '.work'));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'epi-publisher-'));
    db = await testDatabase();
    site = new FakeSite();
    time = Date.parse('2021-01-15T11:00:00Z');
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a release from a snapshot of the database and points current at it', async () => {
    const publisher = publisherWith();
    expect(await publisher.isCurrent()).toBe(false);
    publisher.request('发布疫情通报');
    await publisher.idle();

    const [release] = await listReleases(db);
    expect(release).toMatchObject({
      status: 'live',
      reasons: ['发布疫情通报'],
      codeVersion: 'v1',
      error: null,
      path: join(dir, release!.id),
    });
    expect(readlinkSync(publisher.currentDir)).toBe(release!.id);
    expect(served()).toBe('build 1; scheme risk-2021');
    expect(site.calls[0]!.builtAt.toISOString()).toBe(release!.startedAt);
    expect(workLeft()).toEqual([]);
    expect(await publisher.isCurrent()).toBe(true);
    expect(await publisherWith({ codeVersion: 'v2' }).isCurrent()).toBe(false);
  });

  it('removes a taken-down bulletin from the releases kept on disk once the next release is live', async () => {
    const publisher = publisherWith();
    publisher.request('第一版');
    await publisher.idle();
    const [first] = await listReleases(db);
    // What an earlier release held of a bulletin: its page and its attachment.
    mkdirSync(join(first!.path!, 'bulletins', 'b-1', 'attachments'), { recursive: true });
    writeFileSync(join(first!.path!, 'bulletins', 'b-1', 'attachments', 'a.pdf'), '名单');
    mkdirSync(join(first!.path!, 'bulletins', 'b-2'), { recursive: true });
    await db
      .insertInto('bulletin')
      .values({
        id: 'b-1',
        status: 'withdrawn',
        current_revision: 1,
        version: 1,
        created_at: 'x',
        updated_at: 'x',
        taken_down_at: '2021-01-15T12:00:00.000Z',
      })
      .execute();
    publisher.request('撤下公告');
    await publisher.idle();
    expect(existsSync(join(first!.path!, 'bulletins', 'b-1'))).toBe(false);
    expect(existsSync(join(first!.path!, 'bulletins', 'b-2'))).toBe(true);
    expect(existsSync(join(first!.path!, 'index.html'))).toBe(true);
  });

  it('coalesces the requests made during a build into one next build that sees the latest data', async () => {
    const publisher = publisherWith();
    const first = site.hold();
    publisher.request('划定管控：小果庄村');
    await first.started;
    publisher.request('发布公告');
    await putSetting(db, 'zone.level_scheme', 'control-2022');
    publisher.request('发布疫情通报');
    publisher.request('调整等级');
    first.release();
    await publisher.idle();

    expect(site.calls).toHaveLength(2);
    const releases = await listReleases(db);
    expect(releases.map((r) => [r.status, r.reasons])).toEqual([
      ['live', ['发布公告', '发布疫情通报', '调整等级']],
      ['retired', ['划定管控：小果庄村']],
    ]);
    expect(served()).toBe('build 2; scheme control-2022');
  });

  it('never lets an older build replace a newer live release published by another process', async () => {
    // The console and the command line each run a publisher on the same data folder.
    const settled: string[] = [];
    const consoleSide = new Publisher({ db, releasesDir: dir, build: site.build, codeVersion: 'v1', now: () => new Date((time += 1000)) });
    const otherSite = new FakeSite();
    const cli = new Publisher({
      db,
      releasesDir: dir,
      build: otherSite.build,
      codeVersion: 'v1',
      now: () => new Date((time += 1000)),
      onSettled: (outcome, id) => settled.push(`${outcome} ${id}`),
    });
    const slow = site.hold();
    consoleSide.request('划定管控');
    await slow.started;
    cli.request('命令行重新发布');
    await cli.idle();
    const newer = readlinkSync(cli.currentDir);
    slow.release();
    await consoleSide.idle();

    const releases = await listReleases(db);
    expect(releases.map((r) => [r.status, r.reasons])).toEqual([
      ['live', ['命令行重新发布']],
      ['retired', ['划定管控']],
    ]);
    expect(settled).toEqual([`live ${newer}`]);
    expect(readlinkSync(consoleSide.currentDir)).toBe(newer);
    expect((await liveRelease(db))!.id).toBe(newer);
  });

  it('keeps the live site when a build fails, and records the error with the build output', async () => {
    const publisher = publisherWith();
    publisher.request('第一次');
    await publisher.idle();
    const live = await liveRelease(db);

    site.mode = 'throw';
    publisher.request('第二次');
    await publisher.idle();

    const [failed] = await listReleases(db);
    expect(failed).toMatchObject({ status: 'failed', reasons: ['第二次'], path: null });
    expect(failed!.error).toBe('site build exited with 1\nerror: page /zones failed');
    expect(failed!.finishedAt).not.toBeNull();
    expect(await liveRelease(db)).toEqual(live);
    expect(readlinkSync(publisher.currentDir)).toBe(live!.id);
    expect(served()).toBe('build 1; scheme risk-2021');
    expect(workLeft()).toEqual([]);
    expect(existsSync(join(dir, failed!.id))).toBe(false);
  });

  it('fails a build that produces no index.html', async () => {
    const publisher = publisherWith();
    site.mode = 'no-index';
    publisher.request('空构建');
    await publisher.idle();
    const [failed] = await listReleases(db);
    expect(failed).toMatchObject({ status: 'failed', error: 'the build produced no index.html' });
    expect(existsSync(publisher.currentDir)).toBe(false);
    expect(await liveRelease(db)).toBeNull();
    expect(workLeft()).toEqual([]);
  });

  it('keeps only the newest releases on disk, and forgets the paths of the others', async () => {
    const publisher = publisherWith({ keep: 2 });
    for (const reason of ['一', '二', '三', '四']) {
      publisher.request(reason);
      await publisher.idle();
    }
    const releases = await listReleases(db); // newest first
    expect(releases.map((r) => r.status)).toEqual(['live', 'retired', 'retired', 'retired']);
    const onDisk = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== '.work')
      .map((d) => d.name)
      .sort();
    expect(onDisk).toEqual([releases[1]!.id, releases[0]!.id]);
    expect(releases.map((r) => r.path !== null)).toEqual([true, true, false, false]);
    expect(served()).toBe('build 4; scheme risk-2021');
  });

  it('aborts a running build on stop, records it as interrupted and builds nothing more', async () => {
    const publisher = publisherWith();
    site.mode = 'until-aborted';
    const build = site.hold();
    publisher.request('将被中断');
    await build.started;
    publisher.request('排队中');
    build.release();
    await new Promise((resolve) => setImmediate(resolve)); // the build is now waiting on its signal
    await publisher.stop();
    publisher.request('停止之后');
    await publisher.idle();

    expect(site.calls).toHaveLength(1);
    expect(site.calls[0]!.signal.aborted).toBe(true);
    const releases = await listReleases(db);
    expect(releases.map((r) => [r.status, r.error])).toEqual([['failed', '构建被中断（进程已停止）']]);
  });

  it('marks releases left building by a stopped process as failed on recovery', async () => {
    await db
      .insertInto('release')
      .values({
        id: 'old',
        status: 'building',
        reasons: '[]',
        requested_at: '2021-01-15T10:00:00.000Z',
        started_at: '2021-01-15T10:00:00.000Z',
        finished_at: null,
        error: null,
        path: null,
        code_version: 'v1',
      })
      .execute();
    mkdirSync(join(dir, '.work', 'old'), { recursive: true });
    await publisherWith().recover();
    const [release] = await listReleases(db);
    expect(release).toMatchObject({ id: 'old', status: 'failed', error: '构建被中断（进程已停止）' });
    expect(workLeft()).toEqual([]);
  });

  describe('one item that cannot be built', () => {
    const press = { id: null, name: '李华', role: 'press_officer' as const };
    /** A site whose bulletin b-7 cannot be built while `broken`: its attachment fails its checksum. */
    const brokenBulletin = (state: { broken: boolean }) => {
      const calls: BuildRequest[] = [];
      const build: SiteBuilder = async (req) => {
        calls.push(req);
        const left = req.blocked.some((b) => b.kind === 'bulletin' && b.id === 'b-7');
        if (state.broken && !left) {
          const tag = itemTag({ kind: 'bulletin', id: 'b-7', path: '/bulletins/b-7/' });
          throw Object.assign(new Error('site build exited with 1'), { output: `[ERROR] 附件与记录的 SHA-256 校验值不符 [${tag}]` });
        }
        mkdirSync(req.outDir, { recursive: true });
        writeFileSync(join(req.outDir, 'index.html'), left ? 'without b-7' : 'with b-7');
      };
      return { calls, build };
    };

    it('is set aside with the reason, in the audit log, and the rest of the site goes live at once', async () => {
      const state = { broken: true };
      const site7 = brokenBulletin(state);
      const publisher = new Publisher({ db, releasesDir: dir, build: site7.build, codeVersion: 'v1', now: () => new Date((time += 1000)) });
      await recordSiteChange(db, { actor: press, now: new Date(time) }, { reason: '发布公告：第7号', path: '/bulletins/b-7/' });
      await recordSiteChange(db, { actor: press, now: new Date(time) }, { reason: '解除管控：某小区', path: '/zones/' });
      publisher.request('发布');
      await publisher.idle();

      expect(site7.calls.map((c) => c.blocked)).toEqual([[], [{ kind: 'bulletin', id: 'b-7', path: '/bulletins/b-7/' }]]);
      expect(served()).toBe('without b-7');
      const [rest, failed] = await listReleases(db);
      expect(failed).toMatchObject({ status: 'failed' });
      expect(rest).toMatchObject({ status: 'live' });
      const blocked = await listBlocked(db);
      expect(blocked).toEqual([expect.objectContaining({ kind: 'bulletin', itemId: 'b-7', releaseId: failed!.id })]);
      expect(blocked[0]!.reason).toContain('SHA-256 校验值不符');
      const audit = await db.selectFrom('audit_entry').selectAll().where('action', '=', 'site.block').execute();
      expect(audit).toEqual([expect.objectContaining({ entity_type: 'bulletin', entity_id: 'b-7', actor_name: '系统' })]);
      // The console says which change went live and which did not, and why.
      const [zones, bulletin] = await listSiteChanges(db);
      expect(zones).toMatchObject({ path: '/zones/', status: 'live' });
      expect(bulletin).toMatchObject({ path: '/bulletins/b-7/', status: 'blocked', releaseId: failed!.id });
      expect(bulletin!.error).toContain('SHA-256 校验值不符');
      expect(await publisher.isCurrent()).toBe(true);
    });

    it('is tried again when its page changes, and set aside again while it still fails', async () => {
      const state = { broken: true };
      const site7 = brokenBulletin(state);
      const publisher = new Publisher({ db, releasesDir: dir, build: site7.build, codeVersion: 'v1', now: () => new Date((time += 1000)) });
      await recordSiteChange(db, { actor: press, now: new Date(time) }, { reason: '发布公告：第7号', path: '/bulletins/b-7/' });
      publisher.request('发布');
      await publisher.idle();
      expect(site7.calls).toHaveLength(2);

      // Another change elsewhere: b-7 stays out without another failed build.
      await recordSiteChange(db, { actor: press, now: new Date(time) }, { reason: '解除管控：某小区', path: '/zones/' });
      publisher.request('发布');
      await publisher.idle();
      expect(site7.calls).toHaveLength(3);
      expect(site7.calls[2]!.blocked).toHaveLength(1);

      // Edited, still broken: tried, set aside again.
      await recordSiteChange(db, { actor: press, now: new Date(time) }, { reason: '更新公告：第7号', path: '/bulletins/b-7/' });
      publisher.request('发布');
      await publisher.idle();
      expect(site7.calls.slice(3).map((c) => c.blocked.length)).toEqual([0, 1]);
      expect(await listBlocked(db)).toHaveLength(1);

      // Mended outside the item (the file restored): someone asks for it to be tried again.
      state.broken = false;
      const [block] = await listBlocked(db);
      await retryBlocked({ db, actor: press, now: new Date(time) }, block!.id);
      await expect(retryBlocked({ db, actor: press, now: new Date(time) }, block!.id)).rejects.toThrow('没有编号为');
      expect(await publisher.resume('重新尝试')).toBe(true);
      await publisher.idle();
      expect(served()).toBe('with b-7');
      expect(await listBlocked(db)).toEqual([]);
      expect((await listSiteChanges(db))[0]).toMatchObject({ reason: '重新尝试发布公告 /bulletins/b-7/', status: 'live' });
      const unblocks = await db.selectFrom('audit_entry').select(['actor_name', 'reason']).where('action', '=', 'site.unblock').execute();
      expect(unblocks).toEqual([
        { actor_name: '系统', reason: '内容已更改，重新尝试发布' },
        { actor_name: '李华', reason: '要求重新尝试发布' },
      ]);
    });

    it('does not set anything aside for a failure that names no item (zones, figures): the live site stays', async () => {
      const publisher = publisherWith();
      publisher.request('发布');
      await publisher.idle();
      site.mode = 'throw';
      publisher.request('发布');
      await publisher.idle();
      expect(await listBlocked(db)).toEqual([]);
      expect(served()).toContain('build 1');
    });
  });
});
