import { sql } from 'kysely';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { testDatabase } from '../test-support/db.ts';
import { Publisher, type SiteBuilder } from './publisher.ts';
import { listSiteChanges, recordSiteChange, siteBehind, writeForSite } from './site-change.ts';

const PRESS: Actor = { id: null, name: '新闻发布员', role: 'system' };

// A change acknowledged is recorded with it; the site catches up from that record, whatever happens to
// the process that made the change.
describe('the public site behind the data', () => {
  let dir: string;
  let db: Db;
  let time: number;
  let mode: 'ok' | 'throw' | 'hang';
  let builds: number;
  const build: SiteBuilder = async (req) => {
    builds += 1;
    if (mode === 'hang') await new Promise<void>((resolve) => req.signal.addEventListener('abort', () => resolve()));
    if (mode !== 'ok') throw new Error(`构建失败：第${builds}次`);
    mkdirSync(req.outDir, { recursive: true });
    writeFileSync(join(req.outDir, 'index.html'), `build ${builds}`);
  };
  const publisher = (retry = { initialMs: 0, maxMs: 0 }) =>
    new Publisher({ db, releasesDir: dir, build, codeVersion: 'v1', now: () => new Date((time += 1000)), retry });
  const change = (reason: string) => recordSiteChange(db, { actor: PRESS, now: new Date((time += 1000)) }, reason);
  const statuses = async () => (await listSiteChanges(db)).map((c) => [c.reason, c.status]);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'epi-site-change-'));
    db = await testDatabase();
    time = Date.parse('2021-01-15T11:00:00Z');
    mode = 'ok';
    builds = 0;
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a change with the write, or not at all when the write fails', async () => {
    await writeForSite(
      { db, actor: PRESS, now: new Date(time) },
      async () => 'ok',
      () => '发布第12场新闻发布会',
    );
    await expect(
      writeForSite(
        { db, actor: PRESS, now: new Date(time) },
        async (ctx) => {
          await recordSiteChange(ctx.db, ctx, '写到一半');
          throw new Error('校验失败');
        },
        () => '不会记录',
      ),
    ).rejects.toThrow('校验失败');
    expect(await statuses()).toEqual([['发布第12场新闻发布会', 'pending']]);
    expect(await siteBehind(db)).toBe(true);
  });

  it('takes a change live and says so, with when', async () => {
    await change('发布第12场新闻发布会');
    const p = publisher();
    expect(await p.resume('启动')).toBe(true);
    await p.idle();
    expect(await siteBehind(db)).toBe(false);
    const [c] = await listSiteChanges(db);
    expect(c).toMatchObject({ status: 'live', error: null });
    expect(c!.liveAt).not.toBeNull();
    // Nothing behind: nothing to build.
    expect(await p.resume('启动')).toBe(false);
  });

  it('after the process dies mid-build, the next start finds the change off the site and builds it', async () => {
    await change('发布第12场新闻发布会');
    const first = publisher();
    mode = 'hang';
    first.request('发布第12场新闻发布会');
    await new Promise((r) => setTimeout(r, 20));
    expect(await statuses()).toEqual([['发布第12场新闻发布会', 'building']]);
    // The process is gone: its memory of the request with it. A new one starts on the same data.
    const restarted = publisher();
    await restarted.recover();
    expect(await statuses()).toEqual([['发布第12场新闻发布会', 'failed']]);
    mode = 'ok';
    expect(await restarted.resume('启动时发布尚未上线的更改')).toBe(true);
    await restarted.idle();
    expect(await statuses()).toEqual([['发布第12场新闻发布会', 'live']]);
    expect(readFileSync(join(dir, 'current', 'index.html'), 'utf8')).toMatch(/^build/);
    await first.stop();
  });

  it('shows a failed build with its reason and tries again later, waiting longer each time, until the change is live', async () => {
    await change('更新隔离设施');
    mode = 'throw';
    const p = publisher({ initialMs: 10, maxMs: 40 });
    p.request('更新隔离设施');
    await p.idle();
    const [failed] = await listSiteChanges(db);
    expect(failed).toMatchObject({ status: 'failed', error: '构建失败：第1次' });
    await new Promise((r) => setTimeout(r, 60));
    await p.idle();
    expect(builds).toBeGreaterThanOrEqual(2);
    mode = 'ok';
    for (let i = 0; i < 50 && (await siteBehind(db)); i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      await p.idle();
    }
    expect(await statuses()).toEqual([['更新隔离设施', 'live']]);
    await p.stop();
  });

  it('does not build again for a change a build under way already includes', async () => {
    await change('发布公告');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = new Publisher({
      db,
      releasesDir: dir,
      codeVersion: 'v1',
      now: () => new Date((time += 1000)),
      build: async (req) => {
        await held;
        await build(req);
      },
    });
    slow.request('发布公告');
    await new Promise((r) => setTimeout(r, 20));
    expect(await slow.resume('定时检查')).toBe(false);
    // A change made during the build is not in it: asked for again.
    await change('撤回公告');
    expect(await slow.resume('定时检查')).toBe(true);
    release();
    await slow.idle();
    expect(await statuses()).toEqual([
      ['撤回公告', 'live'],
      ['发布公告', 'live'],
    ]);
  });
});

describe('a full disk while publishing', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'epi-full-disk-'));
    db = await testDatabase();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the process up when not even the failure can be recorded, raises an alert, and clears it once a release is live', async () => {
    let full = true;
    const publisher = new Publisher({
      db,
      releasesDir: dir,
      codeVersion: 'v1',
      retry: { initialMs: 0, maxMs: 0 },
      build: async (req) => {
        if (full) {
          // The database refuses every write from here on, as SQLITE_FULL does; the build fails with ENOSPC.
          await sql`CREATE TRIGGER full_disk BEFORE UPDATE ON release BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`.execute(
            db,
          );
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        mkdirSync(req.outDir, { recursive: true });
        writeFileSync(join(req.outDir, 'index.html'), 'ok');
      },
    });
    publisher.request('发布第12场新闻发布会');
    await publisher.idle();
    expect(publisher.alert).toMatch(/ENOSPC.*未能记录这次失败：database or disk is full/);
    // Space is freed: the next release goes live and the alert is gone.
    await sql`DROP TRIGGER full_disk`.execute(db);
    full = false;
    publisher.request('重试');
    await publisher.idle();
    expect(publisher.alert).toBeNull();
    expect(readFileSync(join(dir, 'current', 'index.html'), 'utf8')).toBe('ok');
  });
});
