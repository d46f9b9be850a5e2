import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { putSetting } from '../setting/setting.ts';
import { testDatabase } from '../test-support/db.ts';
import { Publisher, type BuildRequest, type SiteBuilder } from './publisher.ts';
import { listReleases, liveRelease } from './release.ts';

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
});
