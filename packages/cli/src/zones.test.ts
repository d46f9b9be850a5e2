import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createZone, liftZone, listAudit, listZones, relevelZone, SYSTEM_ACTOR } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { momentOf } from './zones.ts';
import { cliTest as it, type Workspace } from './test-support/cli.ts';

const HEADER = '区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注';
const GOOD = [
  HEADER,
  '藁城区,增村镇,小果庄村,高风险,2021-01-06 00:00,藁城区通告第1号,',
  '新华区,,某某社区,中风险,2021-01-07 12:00,新华区通告,',
];

/** A CSV file of these lines in the workspace's folder; returns its path. */
function file(ws: Workspace, name: string, lines: string[]): string {
  const path = join(ws.dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const zoneCount = async (ws: Workspace) => (await listZones(await ws.db(), new Date().toISOString())).length;

/** Submits FILE for review as `author` (with a reason: the rows are days back), then `reviewer` approves it. */
async function importApproved(ws: Workspace, path: string, author: string, reviewer: string, extra: string[] = []) {
  const submitted = await ws.epi(['zones', 'import', path, ...extra, '--submit', '--user', author, '--reason', '按通告补录', '--json']);
  const json = JSON.parse(submitted.stdout);
  const approved = json.change ? await ws.epi(['zones', 'approve', json.change.id, '--user', reviewer]) : null;
  return { submitted, json, approved };
}

describe('epi zones import', () => {
  it('imports a timeline of the province’s real notices in one go', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    await ws.account('rev.zhao', 'reviewer');
    const notices = new URL('../../core/data/notices/hebei-2021-risk-areas.csv', import.meta.url).pathname;
    const { json, approved } = await importApproved(ws, notices, 'admin.wang', 'rev.zhao');
    expect(json).toMatchObject({ rows: 110, accepted: 110, errors: [], change: { status: 'in_review', kind: 'import' } });
    expect(approved?.code).toBe(0);
    const at = await ws.epi(['zones', 'at', '2021-01-28']);
    expect(at.stdout.split('\n')[0]).toContain('counted as notices count them: 高风险 3, 中风险 13');
  });

  describe('on a fresh clone (the demo data loaded)', () => {
    it.override('workspaceOptions', { demo: true, now: '2021-02-25T10:00:00+08:00' });

    it('imports the real notices over the demo zones in one go, then again as recorded, writing nothing', async ({ ws }) => {
      const notices = new URL('../../core/data/notices/hebei-2021-risk-areas.csv', import.meta.url).pathname;
      const { submitted, json, approved } = await importApproved(ws, notices, 'admin', 'reviewer');
      expect(submitted.code).toBe(0);
      expect(approved?.code).toBe(0);
      expect(json).toMatchObject({ rows: 110, accepted: 110, errors: [], summary: { unchanged: 0, recorded: 3 } });
      // The demo zones were entered with another 依据: the recorded one is kept, and the rows say so.
      expect(json.notes.map((n: { row: number }) => n.row)).toEqual([2, 6, 7]);
      expect(json.notes[0].message).toBe('依据与已记录的不同：保留已记录的「风险等级调整公告（演示数据）」');
      const at = await ws.epi(['zones', 'at', '2021-01-04']);
      expect(at.stdout.split('\n')[0]).toContain('counted as notices count them: 中风险 4');

      const db = await ws.db();
      const versions = (await listZones(db, new Date().toISOString())).map((z) => z.version);
      const again = await ws.epi(['zones', 'import', notices, '--submit', '--user', 'admin']);
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('new 0, re-levelled 0, lifted 0, unchanged 0, recorded already 110, with errors 0');
      expect(again.stdout).toContain('Nothing to submit: every row is recorded already or unchanged.');
      const changes = JSON.parse((await ws.epi(['zones', 'changes', '--json'])).stdout) as Array<{ kind: string; status: string }>;
      expect(changes.filter((c) => c.kind === 'import').map((c) => c.status)).toEqual(['published']);
      expect((await listZones(db, new Date().toISOString())).map((z) => z.version)).toEqual(versions);
    });
  });

  it('holds a possible duplicate until --duplicates decides', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    await ws.account('rev.zhao', 'reviewer');
    const db = await ws.db();
    await createZone(
      { db, actor: SYSTEM_ACTOR, now: new Date('2021-01-20T10:00:00+08:00') },
      {
        districtCode: '130184',
        name: '天悦花苑',
        kind: 'community',
        levelId: 'risk-2021.medium',
        effectiveAt: '2021-01-08T00:00:00+08:00',
        notice: '通报',
      },
    );
    const path = file(ws, 'timeline.csv', [
      '城市,区县,区域,风险等级,起始时间,依据',
      '石家庄市,新乐市,天悦花苑小区,高风险,2021-01-18,发布会',
    ]);
    const held = await ws.epi(['zones', 'import', path, '--json']);
    expect(held.code).toBe(1);
    expect(JSON.parse(held.stdout).errors).toEqual([
      { row: 2, field: '区域', message: '可能与新乐市已有区域「天悦花苑」是同一地点：请确认是同一地点还是新区域' },
    ]);
    expect((await ws.epi(['zones', 'import', path, '--duplicates', 'maybe'])).code).toBe(2);
    const same = await importApproved(ws, path, 'admin.wang', 'rev.zhao', ['--duplicates', 'same']);
    expect(same.submitted.code).toBe(0);
    expect(same.approved?.code).toBe(0);
    expect((await listZones(db, '2021-01-20T00:00:00.000Z')).map((z) => [z.name, z.level?.name])).toEqual([['天悦花苑', '高风险']]);
  });

  it('previews without writing anything, --user not needed', async ({ ws }) => {
    const r = await ws.epi(['zones', 'import', file(ws, 'list.csv', GOOD)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('list.csv (CSV, level scheme 高、中、低风险地区（2021年1月）): 2 rows');
    expect(r.stdout).toContain('new 2, re-levelled 0, lifted 0, unchanged 0, recorded already 0, with errors 0');
    expect(r.stdout).toContain('Preview only: nothing was written. Add --submit --user <admin> to submit it for review.');
    expect(await zoneCount(ws)).toBe(0);
    expect(await listAudit(await ws.db())).toEqual([]);
  });

  it('prints exactly rows, accepted and errors (then change and summary) with --json', async ({ ws }) => {
    const path = file(ws, 'list.csv', [...GOOD, '石家庄西区,,某村,高风险,2021-01-06,通告,', '藁城区,,某某村,特高风险,2021-01-06,通告,']);
    const r = await ws.epi(['zones', 'import', path, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['rows', 'accepted', 'errors', 'change', 'summary', 'notes']);
    expect(json).toEqual({
      rows: 4,
      accepted: 2,
      errors: [
        {
          row: 4,
          field: '区县',
          message: '未知的县（市、区）「石家庄西区」（可填名称、简称或 6 位区划代码）；是否是：桥西区、迁西县、临西县？',
        },
        { row: 5, field: '风险等级', message: expect.stringContaining('未知的等级「特高风险」') },
      ],
      change: null,
      summary: { seal: 2, relevel: 0, lift: 0, unchanged: 0, recorded: 0 },
      notes: [],
    });
    expect(await zoneCount(ws)).toBe(0);
  });

  it('submits the file as the --user admin; nothing is written until another person approves it, all audited', async ({ ws }) => {
    const admin = await ws.account('admin.wang', 'admin');
    const reviewer = await ws.account('rev.zhao', 'reviewer');
    const path = file(ws, 'list.csv', GOOD);
    // Rows days back need a reason.
    const bare = await ws.epi(['zones', 'import', path, '--submit', '--user', 'admin.wang']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('请说明理由');

    const { submitted, json, approved } = await importApproved(ws, path, 'admin.wang', 'rev.zhao', ['--urgent']);
    expect(submitted.code).toBe(0);
    expect(json).toMatchObject({
      rows: 2,
      accepted: 2,
      errors: [],
      change: { kind: 'import', status: 'in_review', urgent: true, reason: '按通告补录', submittedBy: admin.displayName },
      summary: { seal: 2, relevel: 0, lift: 0, unchanged: 0, recorded: 0 },
    });
    expect(json.change.effect).toContain('藁城区增村镇小果庄村将显示为高风险区（补录，自2021年1月6日 00:00起）');
    expect(approved).toMatchObject({ code: 0, stderr: '' });
    expect(approved!.stdout).toContain(`Approved and applied as ${reviewer.displayName}.`);
    expect(await zoneCount(ws)).toBe(2);
    const shown = JSON.parse((await ws.epi(['zones', 'change', json.change.id, '--json'])).stdout);
    expect(shown).toMatchObject({ status: 'published', reviewedBy: reviewer.displayName });
    expect(shown.zoneIds).toHaveLength(2);

    const entries = (await listAudit(await ws.db())).filter((e) => e.entityType !== 'user');
    expect(entries.map((e) => `${e.action} ${e.actorName}`).sort()).toEqual(
      ['zone.create', 'zone.create', 'zone.import', 'zone.seal', 'zone.seal', 'zone_change.approve', 'zone_change.submit'].map(
        (a) => `${a} ${a === 'zone_change.submit' ? admin.displayName : reviewer.displayName}`,
      ),
    );

    // The same file again: both rows recorded already, nothing submitted, and no failure.
    const again = await ws.epi(['zones', 'import', path, '--submit', '--user', 'admin.wang']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('new 0, re-levelled 0, lifted 0, unchanged 0, recorded already 2, with errors 0');
    expect(again.stdout).toContain('Nothing to submit: every row is recorded already or unchanged.');
    expect((await listAudit(await ws.db())).filter((e) => e.entityType !== 'user')).toHaveLength(entries.length);
  });

  it('lets neither the author approve their own change nor anyone approve it twice; a returned change is closed', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    await ws.account('admin.liu', 'admin');
    await ws.account('press.li', 'press_officer');
    const path = file(ws, 'list.csv', GOOD);
    const { json } = await importApproved(ws, path, 'admin.wang', 'admin.wang');
    const id = json.change.id as string;
    expect(await zoneCount(ws)).toBe(0);
    const press = await ws.epi(['zones', 'approve', id, '--user', 'press.li']);
    expect(press.code).toBe(1);
    expect(press.stderr).toContain('needs the role admin or reviewer');

    const listed = await ws.epi(['zones', 'changes', '--status', 'in_review']);
    expect(listed.stdout).toContain(`${id}  in_review  批量导入：list.csv`);
    const returned = await ws.epi(['zones', 'return', id, '--comment', '名单日期有误', '--user', 'admin.liu']);
    expect(returned.code).toBe(0);
    const late = await ws.epi(['zones', 'approve', id, '--user', 'admin.liu']);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('该变更已退回');
    expect(JSON.parse((await ws.epi(['zones', 'change', id, '--json'])).stdout)).toMatchObject({
      status: 'returned',
      comment: '名单日期有误',
    });
    expect(await zoneCount(ws)).toBe(0);
  });

  it('imports nothing from a file with one bad row, naming the row and the column', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    const path = file(ws, 'list.csv', [...GOOD, '藁城区,增村镇,东辛庄村,高风险,2021-13-01 00:00,通告,']);
    const r = await ws.epi(['zones', 'import', path, '--submit', '--user', 'admin.wang']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 4, 生效时间:');
    expect(r.stderr).toContain('1 row(s) have errors: nothing was submitted');
    expect(await zoneCount(ws)).toBe(0);
    expect((await listAudit(await ws.db())).filter((e) => e.entityType !== 'user')).toEqual([]);
  });

  it('needs --user for --submit, an admin; --apply, which bypassed review, is refused', async ({ ws }) => {
    await ws.account('press.li', 'press_officer');
    const path = file(ws, 'list.csv', GOOD);
    const none = await ws.epi(['zones', 'import', path, '--submit']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--user USERNAME is required');
    const apply = await ws.epi(['zones', 'import', path, '--apply', '--user', 'press.li']);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain('--apply is no longer accepted');
    const press = await ws.epi(['zones', 'import', path, '--submit', '--user', 'press.li']);
    expect(press.code).toBe(1);
    expect(press.stderr).toContain('needs the role admin');
    expect(await zoneCount(ws)).toBe(0);
  });

  it('reports an unreadable file as a whole-file error', async ({ ws }) => {
    const r = await ws.epi(['zones', 'import', file(ws, 'list.csv', ['名称,等级']), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      rows: 0,
      accepted: 0,
      errors: [{ row: null, field: 'content', message: expect.stringContaining('没有找到表头') }],
      change: null,
    });
  });
});

describe('epi zones window', () => {
  it('shows the plausible dates, sets them as an admin with an audit entry, and the import then refuses a date outside', async ({ ws }) => {
    const shown = await ws.epi(['zones', 'window', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ from: '2019-12-01', daysAhead: 90, window: '2019-12-01 至 2021-04-20' });
    expect((await ws.epi(['zones', 'window', '--from', '2021-01-01'])).code).toBe(2); // no --user
    await ws.account('admin.wang', 'admin');
    expect((await ws.epi(['zones', 'window', '--from', '2021-13-01', '--user', 'admin.wang'])).code).toBe(2);
    const set = await ws.epi(['zones', 'window', '--from', '2021-01-01', '--days-ahead', '30', '--user', 'admin.wang']);
    expect(set.stdout).toBe('Zone changes may take effect from 2021-01-01 至 2021-02-19 (30 days after now).\n');
    const [entry] = await listAudit(await ws.db());
    expect(entry).toMatchObject({
      action: 'zone.date_window',
      before: { from: '2019-12-01', daysAhead: 90 },
      after: { from: '2021-01-01', daysAhead: 30 },
    });
    const path = file(ws, 'early.csv', [HEADER, '藁城区,增村镇,小果庄村,高风险,2020-12-31 00:00,通告,']);
    const r = await ws.epi(['zones', 'import', path, '--json']);
    expect(JSON.parse(r.stdout).errors[0].message).toBe('时间 2020-12-31 不在合理范围内（2021-01-01 至 2021-02-19），请核对年份和日期');
  });
});

describe('epi zones at', () => {
  it.beforeEach(async ({ ws }) => {
    const db = await ws.db();
    const ctx = { db, actor: SYSTEM_ACTOR, now: new Date('2021-01-20T10:00:00+08:00') };
    const village = await createZone(ctx, {
      districtCode: '130109',
      name: '增村镇小果庄村',
      kind: 'village',
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-05T20:00:00+08:00',
      notice: '公告',
    });
    const high = await relevelZone(ctx, {
      zoneId: village.id,
      expectedVersion: village.version,
      levelId: 'risk-2021.high',
      effectiveAt: '2021-01-07T00:00:00+08:00',
      notice: '公告',
    });
    await liftZone(ctx, { zoneId: village.id, expectedVersion: high.version, effectiveAt: '2021-01-21T00:00:00+08:00', notice: '解除' });
    await createZone(ctx, {
      districtCode: '130105',
      name: '某某社区',
      kind: 'community',
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-20T12:00:00+08:00',
      notice: '公告',
    });
  });

  const at = async (ws: Workspace, date: string) => {
    const r = await ws.epi(['zones', 'at', date, '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as unknown[];
  };

  it('lists the zones in force at the end of a date, as the public date pages count them', async ({ ws }) => {
    expect(await at(ws, '2021-01-04')).toEqual([]);
    expect(await at(ws, '2021-01-06')).toEqual([
      {
        city: '石家庄市',
        district: '藁城区',
        name: '增村镇小果庄村',
        level: '中风险',
        since: '2021-01-05T12:00:00.000Z',
        listedOn: null,
        within: null,
      },
    ]);
    // Lifted from 21 Jan 00:00: still in force at the end of the 20th, when the 新华区 one began.
    expect(await at(ws, '2021-01-20')).toEqual([
      {
        city: '石家庄市',
        district: '新华区',
        name: '某某社区',
        level: '中风险',
        since: '2021-01-20T04:00:00.000Z',
        listedOn: null,
        within: null,
      },
      {
        city: '石家庄市',
        district: '藁城区',
        name: '增村镇小果庄村',
        level: '高风险',
        since: '2021-01-05T12:00:00.000Z',
        listedOn: null,
        within: null,
      },
    ]);
    expect(await at(ws, '2021-01-21')).toEqual([
      {
        city: '石家庄市',
        district: '新华区',
        name: '某某社区',
        level: '中风险',
        since: '2021-01-20T04:00:00.000Z',
        listedOn: null,
        within: null,
      },
    ]);
  });

  it('reads a time as Beijing time unless it has an offset, the changes of that minute included', async ({ ws }) => {
    expect((await at(ws, '2021-01-20T11:59')).map((z) => (z as { name: string }).name)).toEqual(['增村镇小果庄村']);
    expect((await at(ws, '2021-01-20T12:00')).map((z) => (z as { name: string }).name)).toEqual(['某某社区', '增村镇小果庄村']);
    expect((await at(ws, '2021-01-20T04:00Z')).map((z) => (z as { name: string }).name)).toEqual(['某某社区', '增村镇小果庄村']);
    expect((await at(ws, '2021-01-20T03:59:59+00:00')).map((z) => (z as { name: string }).name)).toEqual(['增村镇小果庄村']);
  });

  it('answers for other cities of the province, lists a zone known only from a list by its date, and counts a whole district once', async ({
    ws,
  }) => {
    const db = await ws.db();
    const ctx = { db, actor: SYSTEM_ACTOR, now: new Date('2021-01-20T10:00:00+08:00') };
    await createZone(ctx, {
      districtCode: '130109',
      name: '藁城区全域',
      kind: 'district',
      levelId: 'risk-2021.high',
      effectiveAt: '2021-01-06T00:00:00+08:00',
      notice: '公告',
    });
    await createZone(ctx, {
      districtCode: '130581',
      name: '天地名城小区',
      kind: 'community',
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-04T00:00:00+08:00',
      listedOn: '2021-01-04',
      notice: '名单',
    });
    expect(await at(ws, '2021-01-06')).toEqual([
      {
        city: '石家庄市',
        district: '藁城区',
        name: '增村镇小果庄村',
        level: '中风险',
        since: '2021-01-05T12:00:00.000Z',
        listedOn: null,
        within: '藁城区全域',
      },
      {
        city: '石家庄市',
        district: '藁城区',
        name: '藁城区全域',
        level: '高风险',
        since: '2021-01-05T16:00:00.000Z',
        listedOn: null,
        within: null,
      },
      {
        city: '邢台市',
        district: '南宫市',
        name: '天地名城小区',
        level: '中风险',
        since: '2021-01-03T16:00:00.000Z',
        listedOn: '2021-01-04',
        within: null,
      },
    ]);
    const text = (await ws.epi(['zones', 'at', '2021-01-06'])).stdout;
    expect(text.split('\n')[0]).toBe(
      'Zones in force at the end of 2021年1月6日 (Beijing time): 3; counted as notices count them: 高风险 1, 中风险 1',
    );
    expect(text).toContain('  邢台市南宫市  天地名城小区  中风险  listed 2021年1月4日\n');
    expect(text).toContain('  石家庄市藁城区  增村镇小果庄村  中风险  since 2021年1月5日 20:00  (within 藁城区全域)\n');
  });

  it('prints a readable list', async ({ ws }) => {
    const r = await ws.epi(['zones', 'at', '2021-01-06']);
    expect(r.stdout).toBe(
      'Zones in force at the end of 2021年1月6日 (Beijing time): 1; counted as notices count them: 中风险 1\n  石家庄市藁城区  增村镇小果庄村  中风险  since 2021年1月5日 20:00\n',
    );
  });

  it('names the moment a date stands for', () => {
    expect(momentOf('2021-01-20')).toEqual({ moment: { before: '2021-01-20T16:00:00.000Z' }, label: 'the end of 2021年1月20日' });
    expect(momentOf('2021-01-20 08:30')).toEqual({ moment: { at: '2021-01-20T00:30:00.000Z' }, label: '2021年1月20日 08:30' });
  });
});
