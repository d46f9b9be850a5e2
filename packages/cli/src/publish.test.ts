import { mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listReleases, recordSiteChange } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

/**
 * A public app whose `astro build` is a small script: the command runs the real site builder (a child
 * process with the snapshot and output folder in its environment) without the minute a real build takes.
 */
function standInApp(dir: string, script: string): string {
  const app = join(dir, 'public-app');
  mkdirSync(join(app, 'node_modules', 'astro', 'bin'), { recursive: true });
  writeFileSync(join(app, 'node_modules', 'astro', 'bin', 'astro.mjs'), script);
  // The search index, written after the build by a script of its own.
  mkdirSync(join(app, 'scripts'));
  writeFileSync(join(app, 'scripts', 'search-index.ts'), SEARCH_INDEX);
  return app;
}

const SEARCH_INDEX = `
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
mkdirSync(join(process.argv[2], 'pagefind'));
writeFileSync(join(process.argv[2], 'pagefind', 'pagefind.js'), '');
`;

const WRITES_SITE = `
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Like astro build, it makes its output folder.
mkdirSync(process.env.EPI_PUBLIC_OUT_DIR, { recursive: true });
writeFileSync(join(process.env.EPI_PUBLIC_OUT_DIR, 'index.html'), 'site of ' + process.env.EPI_DATABASE_URL.endsWith('.sqlite') + ' at ' + process.env.EPI_SITE_BUILT_AT);
`;
const FAILS = `console.error('[build] page /zones/ failed: no data'); process.exit(1);`;
/** Fails on bulletin b-7, naming it as the site's build does, while the app folder holds a file `broken`, unless b-7 is set aside. */
const FAILS_ON_ONE = `
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const out = JSON.parse(process.env.EPI_BLOCKED_ITEMS).some((b) => b.id === 'b-7');
if (!out && existsSync('broken')) {
  console.error('[ERROR] 附件与记录的 SHA-256 校验值不符 [epi-item:{"kind":"bulletin","id":"b-7","path":"/bulletins/b-7/"}]');
  process.exit(1);
}
mkdirSync(process.env.EPI_PUBLIC_OUT_DIR, { recursive: true });
writeFileSync(join(process.env.EPI_PUBLIC_OUT_DIR, 'index.html'), out ? 'without b-7' : 'with b-7');
`;

describe('epi publish', () => {
  it.override('workspaceOptions', { now: '2021-01-20T10:00:00+08:00' });

  it('builds a release, switches current to it and names who asked in its reason', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    ws.env.EPI_PUBLIC_APP_DIR = standInApp(ws.dir, WRITES_SITE);
    const r = await ws.epi(['publish', '--user', 'admin.wang', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const [release] = await listReleases(await ws.db());
    expect(json).toEqual({ release: release!.id, status: 'live', error: null, path: join(ws.dir, 'releases', release!.id), blocked: [] });
    expect(release).toMatchObject({ status: 'live', reasons: ['命令行重新发布（admin.wang 姓名）'] });
    expect(readlinkSync(join(ws.dir, 'releases', 'current'))).toBe(release!.id);
    expect(readFileSync(join(ws.dir, 'releases', 'current', 'index.html'), 'utf8')).toBe(`site of true at ${release!.startedAt}`);
    expect(r.stderr).toContain(`release ${release!.id}: live`);
    // The audit log's head is signed with the release, outside the database.
    const [head] = readFileSync(join(ws.dir, 'audit-heads.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(head).toMatchObject({ release: release!.id });
    expect(r.stderr).toContain(`release ${release!.id}: audit log sealed at entry ${head.id}`);
    // The public transparency log is in the release, and checks out with this system's key.
    const state = join(ws.dir, 'seen.json');
    const verified = await ws.epi(['log', 'verify', join(ws.dir, 'releases', 'current'), '--state', state, '--json']);
    expect(verified.code).toBe(0);
    const seen = JSON.parse(verified.stdout);
    expect(seen).toMatchObject({ ok: true, problems: [] });
    expect(JSON.parse(readFileSync(state, 'utf8'))).toEqual({ size: seen.size, root: seen.root });
    expect((await ws.epi(['log', 'key'])).stdout).toMatch(/^localhost:4321\/log\+[0-9a-f]{8}\+\S+\n$/);
    // Another key does not open it.
    const other = await ws.epi(['log', 'verify', join(ws.dir, 'releases', 'current'), '--key', 'localhost:4321/log+00000000+AQ==']);
    expect(other.code).toBe(1);
  });

  it('exits with 1 and the build output when the build fails, leaving the live site', async ({ ws }) => {
    ws.env.EPI_PUBLIC_APP_DIR = standInApp(ws.dir, WRITES_SITE);
    expect((await ws.epi(['publish'])).code).toBe(0);
    const live = readlinkSync(join(ws.dir, 'releases', 'current'));
    ws.env.EPI_PUBLIC_APP_DIR = standInApp(join(ws.dir, 'broken'), FAILS);
    const r = await ws.epi(['publish']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Release \S+ failed: site build exited with 1\n\[build\] page \/zones\/ failed: no data/);
    expect(readlinkSync(join(ws.dir, 'releases', 'current'))).toBe(live);
    expect((await listReleases(await ws.db())).map((x) => [x.status, x.reasons])).toEqual([
      ['failed', ['命令行重新发布']],
      ['live', ['命令行重新发布']],
    ]);
  });

  it("refuses to replace the site of another database's releases folder", async ({ ws }) => {
    ws.env.EPI_PUBLIC_APP_DIR = standInApp(ws.dir, WRITES_SITE);
    mkdirSync(join(ws.dir, 'releases'), { recursive: true });
    symlinkSync('20210115T030000Z-1234-000001', join(ws.dir, 'releases', 'current'));
    const r = await ws.epi(['publish']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('serves release 20210115T030000Z-1234-000001');
    expect(r.stderr).toContain('Set EPI_DATA_DIR to the data folder of this database');
    expect(await listReleases(await ws.db())).toEqual([]);
  });

  it('sets aside the one bulletin the build fails on, publishes the rest, lists it, and tries it again when asked', async ({ ws }) => {
    await ws.account('press.li', 'press_officer');
    const app = standInApp(ws.dir, FAILS_ON_ONE);
    ws.env.EPI_PUBLIC_APP_DIR = app;
    writeFileSync(join(app, 'broken'), '');
    const db = await ws.db();
    await recordSiteChange(
      db,
      { actor: { id: null, name: '李华', role: 'press_officer' }, now: new Date() },
      { reason: '发布公告', path: '/bulletins/b-7/' },
    );

    const r = await ws.epi(['publish', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json, r.stderr).toMatchObject({ status: 'live', blocked: [{ kind: 'bulletin', itemId: 'b-7', path: '/bulletins/b-7/' }] });
    expect(json.blocked[0].reason).toContain('SHA-256 校验值不符');
    expect(readFileSync(join(ws.dir, 'releases', 'current', 'index.html'), 'utf8')).toBe('without b-7');
    expect(r.stderr).toContain('公告 /bulletins/b-7/ set aside (附件与记录的 SHA-256 校验值不符); building the rest of the site again');

    const listed = await ws.epi(['blocked', 'list']);
    expect(listed.stdout).toMatch(/^\d+\t公告 \/bulletins\/b-7\/\t\S+\t附件与记录的 SHA-256 校验值不符\n$/);
    const id = json.blocked[0].id as number;
    // Mended (the file restored): asked for again, it goes live.
    rmSync(join(app, 'broken'));
    expect((await ws.epi(['blocked', 'retry', 'x', '--user', 'press.li'])).code).toBe(2);
    const retried = await ws.epi(['blocked', 'retry', String(id), '--user', 'press.li']);
    expect(retried.stdout).toContain('公告 /bulletins/b-7/ will be tried again.');
    const again = await ws.epi(['blocked', 'retry', String(id), '--user', 'press.li']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`没有编号为 ${id} 的受阻内容`);
    expect(JSON.parse((await ws.epi(['publish', '--json'])).stdout)).toMatchObject({ status: 'live', blocked: [] });
    expect(readFileSync(join(ws.dir, 'releases', 'current', 'index.html'), 'utf8')).toBe('with b-7');
    expect((await ws.epi(['blocked', 'list'])).stdout).toBe('Nothing is set aside: every item is on the site.\n');
  });
});
