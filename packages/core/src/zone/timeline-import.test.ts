import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { listAudit } from '../audit/audit.ts';
import { loadDemoData } from '../demo/load.ts';
import type { WriteContext } from '../shared/actor.ts';
import { beijingDayEnd } from '../shared/time.ts';
import { testDatabase } from '../test-support/db.ts';
import { levelsOf, zonesInForceAt } from './by-date.ts';
import { countUnderControl } from './containment.ts';
import { applyImport, previewImport, type ImportFile } from './import.ts';
import type { ImportRow } from './import-format.ts';
import { listLevelSchemes } from './levels.ts';
import { createZone, listZones } from './zone.ts';

const TIMELINE = '城市,区县,区域,风险等级,起始时间,截止时间,名单日期,依据';
const file = (lines: string[], eol = '\r\n'): ImportFile => ({
  filename: 'timeline.csv',
  bytes: new TextEncoder().encode(lines.join(eol)),
});
const problems = (rows: ImportRow[]) => rows.flatMap((r) => r.errors.map((e) => `${r.row} ${e.column ?? '-'}: ${e.message}`));

let db: Db;
let ctx: WriteContext;
beforeEach(async () => {
  db = await testDatabase();
  ctx = { db, actor: { id: null, name: '管理员甲', role: 'admin' }, now: new Date('2021-02-25T10:00:00+08:00') };
});

/** High and medium counts at the end of a date, as the notices count them (a whole district once). */
async function countsOn(date: string): Promise<string> {
  const zones = await listZones(db, ctx.now.toISOString());
  const levels = levelsOf({ levelSchemes: await listLevelSchemes(db) });
  const counts = countUnderControl(zonesInForceAt(zones, levels, { before: beijingDayEnd(date) }));
  return ['高风险', '中风险'].map((name) => [...counts.values()].find((c) => c.level.name === name)?.count ?? 0).join('/');
}

/** 天悦花苑 in 新乐市, medium from 8 January, recorded before the file. */
const tianyue = () =>
  createZone(ctx, {
    districtCode: '130184',
    name: '天悦花苑',
    kind: 'community',
    levelId: 'risk-2021.medium',
    effectiveAt: '2021-01-08T00:00:00+08:00',
    notice: '1月8日',
  });

async function importAll(f: ImportFile) {
  const preview = await previewImport(db, f, ctx.now);
  expect(problems(preview.rows)).toEqual([]);
  return applyImport(ctx, f, preview.fingerprint);
}

/** The province's real notices, as shipped. */
const NOTICES: ImportFile = {
  filename: 'hebei-2021-risk-areas.csv',
  bytes: readFileSync(new URL('../../data/notices/hebei-2021-risk-areas.csv', import.meta.url)),
};

/** The official high / medium counts at the end of every date with a complete list (see the file's README). */
const OFFICIAL: Record<string, string> = {
  '2021-01-04': '0/4',
  '2021-01-05': '1/3',
  '2021-01-06': '1/3',
  '2021-01-08': '1/17',
  '2021-01-10': '1/28',
  '2021-01-11': '1/39',
  '2021-01-12': '1/29',
  '2021-01-28': '3/13',
  '2021-02-07': '3/2',
  '2021-02-08': '0/2',
  '2021-02-22': '0/0',
};

/** The counts of the database at the end of every date of OFFICIAL. */
async function countsOnOfficialDates(): Promise<Record<string, string>> {
  const got: Record<string, string> = {};
  for (const date of Object.keys(OFFICIAL)) got[date] = await countsOn(date);
  return got;
}

describe('the province’s real notices of January–February 2021', () => {
  it('import in one go and give, for every date with a complete list, the official counts', async () => {
    const result = await importAll(NOTICES);
    expect(result.summary).toMatchObject({ rows: 110, error: 0 });
    expect(await countsOnOfficialDates()).toEqual(OFFICIAL);
    // Four cities; 定州市 written as its own city.
    const cities = new Set((await listZones(db, ctx.now.toISOString())).map((z) => `${z.cityName}${z.districtName}`));
    expect([...cities].filter((c) => !c.startsWith('石家庄市')).sort()).toEqual([
      '保定市定州市',
      '廊坊市固安县',
      '邢台市南宫市',
      '邢台市隆尧县',
    ]);
  });

  it('import over the demo zones (a fresh clone): the three rows the demo holds are recorded, the rest applies after them', async () => {
    await loadDemoData(db);
    const preview = await previewImport(db, NOTICES, ctx.now);
    expect(problems(preview.rows)).toEqual([]);
    expect(preview.summary).toMatchObject({ rows: 110, unchanged: 0, recorded: 3, error: 0 });
    const demoNotice = '风险等级调整公告（演示数据）';
    expect(preview.rows.filter((r) => r.action === 'recorded').map((r) => [r.row, r.name, r.recorded, r.notes])).toEqual([
      [
        2,
        '增村镇小果庄村',
        { effectiveAt: '2021-01-03T16:00:00.000Z', listedOn: null, levelName: '中风险', notice: demoNotice },
        [`依据与已记录的不同：保留已记录的「${demoNotice}」`],
      ],
      [
        6,
        '增村镇小果庄村',
        { effectiveAt: '2021-01-04T16:00:00.000Z', listedOn: null, levelName: '高风险', notice: demoNotice },
        [`依据与已记录的不同：保留已记录的「${demoNotice}」`],
      ],
      [
        7,
        '藁城区全域',
        { effectiveAt: '2021-01-05T16:00:00.000Z', listedOn: null, levelName: '高风险', notice: demoNotice },
        [`依据与已记录的不同：保留已记录的「${demoNotice}」`],
      ],
    ]);
    await applyImport(ctx, NOTICES, preview.fingerprint);
    expect(await countsOnOfficialDates()).toEqual(OFFICIAL);
    // The demo's events are kept as recorded; the notices' later changes follow them.
    const village = (await listZones(db, ctx.now.toISOString())).find((z) => z.name === '增村镇小果庄村')!;
    expect(village.events.map((e) => [e.action, e.levelName, e.notice === demoNotice])).toEqual([
      ['seal', '中风险', true],
      ['relevel', '高风险', true],
      ['relevel', '低风险', false],
    ]);
  });

  it('imported again, every row is recorded and nothing is written: the apply says so instead of failing', async () => {
    await importAll(NOTICES);
    const zones = await listZones(db, ctx.now.toISOString());
    const audit = await listAudit(db);
    const again = await previewImport(db, NOTICES, ctx.now);
    expect(again.summary).toEqual({ rows: 110, zones: 66, seal: 0, relevel: 0, lift: 0, unchanged: 0, recorded: 110, error: 0 });
    expect(again.rows.every((r) => r.action === 'recorded' && r.endAction === null && r.notes.length === 0)).toBe(true);
    const result = await applyImport(ctx, NOTICES, again.fingerprint);
    expect(result).toMatchObject({ applied: [], summary: { recorded: 110 } });
    expect(await listZones(db, ctx.now.toISOString())).toEqual(zones);
    expect(await listAudit(db)).toEqual(audit);
    expect(await countsOnOfficialDates()).toEqual(OFFICIAL);
  });
});

describe('a timeline file', () => {
  it('applies several rows of one zone in date order, whatever their order in the file', async () => {
    await importAll(
      file([
        TIMELINE,
        '石家庄市,新乐市,天悦花苑,低风险,2021-02-08,,,2月7日通报',
        '石家庄市,新乐市,天悦花苑,中风险,2021-01-08,,,1月8日通报',
        '石家庄市,新乐市,天悦花苑,高风险,2021-01-18,,,1月19日发布会',
      ]),
    );
    const [zone] = await listZones(db, ctx.now.toISOString());
    expect(zone!.events.map((e) => [e.action, e.levelName, e.notice])).toEqual([
      ['seal', '中风险', '1月8日通报'],
      ['relevel', '高风险', '1月19日发布会'],
      ['relevel', '低风险', '2月7日通报'],
    ]);
    expect(await countsOn('2021-02-07')).toBe('1/0');
    expect(await countsOn('2021-02-08')).toBe('0/0');
  });

  it('keeps the list date of an area listed without a start, and counts it from that date', async () => {
    await importAll(file([TIMELINE, '邢台市,南宫市,凤岗街道办事处,中风险,,,2021-01-06,1月6日名单']));
    const [zone] = await listZones(db, ctx.now.toISOString());
    expect(zone!.events[0]).toMatchObject({ listedOn: '2021-01-06', effectiveAt: '2021-01-05T16:00:00.000Z' });
    expect([await countsOn('2021-01-05'), await countsOn('2021-01-06')]).toEqual(['0/0', '0/1']);
  });

  it('lifts at 截止时间 when no later row of the zone starts then', async () => {
    await importAll(file([TIMELINE, '廊坊市,固安县,英国宫5期,中风险,2021-01-12,2021-02-01,,1月12日通报']));
    expect([await countsOn('2021-01-31'), await countsOn('2021-02-01')]).toEqual(['0/1', '0/0']);
  });

  it('takes a whole district’s areas along when it is lowered, and applies "其余地区" to every other area in force', async () => {
    await importAll(
      file([
        TIMELINE,
        '石家庄市,藁城区,增村镇小果庄村,高风险,2021-01-05,,,1月5日',
        '石家庄市,藁城区,藁城区全域,高风险,2021-01-06,,,1月6日',
        '石家庄市,新乐市,天悦花苑,中风险,2021-01-08,,,1月8日',
        '定州市,定州市,庞白土新民居北区,中风险,2021-01-20,,,1月20日',
        '石家庄市,正定县,孔村,中风险,2021-01-11,,,1月11日',
        '石家庄市,藁城区,藁城区全域,中风险,2021-02-08,,,2月7日',
        '定州市,定州市,庞白土新民居北区,中风险,2021-02-08,,,2月7日：仍为中风险',
        ',,其余地区,低风险,2021-02-08,,,2月7日：全省其他地区均为低风险地区',
        '石家庄市,藁城区,藁城区全域,低风险,2021-02-22,,,2月21日发布会',
      ]),
    );
    // On 7 Feb: 藁城区全域 (the village inside it not counted), 天悦花苑, 庞白土, 孔村.
    expect(await countsOn('2021-02-07')).toBe('1/3');
    // 8 Feb: 藁城区全域 medium (the village still inside it), 庞白土 named again; every other area low.
    expect(await countsOn('2021-02-08')).toBe('0/2');
    // 22 Feb: the whole district low, and the village inside it with it; 庞白土 still medium.
    expect(await countsOn('2021-02-22')).toBe('0/1');
    const village = (await listZones(db, ctx.now.toISOString())).find((z) => z.name === '增村镇小果庄村')!;
    expect(village.events.at(-1)).toMatchObject({ action: 'relevel', levelName: '低风险', effectiveAt: '2021-02-21T16:00:00.000Z' });
    expect(village.events.at(-1)!.note).toContain('第 10 行');
  });

  it('shows in the preview what "其余地区" and a lowered whole district change', async () => {
    await tianyue();
    const preview = await previewImport(db, file([TIMELINE, '石家庄市,,其余地区,低风险,2021-02-08,,,2月7日']), ctx.now);
    expect(preview.rows[0]).toMatchObject({ action: 'relevel', alsoChanges: [{ districtName: '新乐市', name: '天悦花苑' }] });
    expect(preview.summary).toMatchObject({ rows: 1, relevel: 1, error: 0 });
  });

  it('takes the rows a zone has recorded as recorded, applies the day’s new rows after them, and refuses rows that contradict or precede its history', async () => {
    await tianyue();
    const history = [
      '石家庄市,新乐市,天悦花苑,中风险,2021-01-08,,,1月8日',
      '石家庄市,新乐市,天悦花苑,高风险,2021-01-18,2021-02-08,,1月19日发布会',
      '石家庄市,新乐市,天悦花苑,低风险,2021-02-08,,,2月7日通报',
    ];
    const first = await importAll(file([TIMELINE, ...history]));
    expect(first.summary).toMatchObject({ recorded: 1, relevel: 2 });

    // The next day's file: the same rows (one 依据 written differently), and one new row.
    const daily = file([
      TIMELINE,
      history[0]!.replace('1月8日', '1月8日通报'),
      ...history.slice(1),
      '石家庄市,新乐市,天悦花苑,解除,2021-02-22,,,2月21日',
    ]);
    const preview = await previewImport(db, daily, ctx.now);
    expect(preview.rows.map((r) => [r.row, r.action, r.notes])).toEqual([
      [2, 'recorded', ['依据与已记录的不同：保留已记录的「1月8日」']],
      [3, 'recorded', []],
      [4, 'recorded', []],
      [5, 'lift', []],
    ]);
    expect(preview.summary).toMatchObject({ recorded: 3, lift: 1, error: 0 });
    await applyImport(ctx, daily, preview.fingerprint);
    const [zone] = await listZones(db, ctx.now.toISOString());
    expect(zone!.events.map((e) => [e.action, e.levelName, e.notice])).toEqual([
      ['seal', '中风险', '1月8日'],
      ['relevel', '高风险', '1月19日发布会'],
      ['relevel', '低风险', '2月7日通报'],
      ['lift', null, '2月21日'],
    ]);

    const check = async (header: string, line: string) => problems((await previewImport(db, file([header, line]), ctx.now)).rows);
    // The same time at another level; another end; a planned end the record does not have.
    expect(await check(TIMELINE, '石家庄市,新乐市,天悦花苑,高风险,2021-01-08,,,1月8日')).toEqual([
      '2 风险等级: 与已记录的变更不一致：该区域已记录 2021年1月8日 00:00 起中风险，依据「1月8日」，此行为 2021年1月8日 00:00 起高风险',
    ]);
    expect(await check(TIMELINE, '石家庄市,新乐市,天悦花苑,高风险,2021-01-18,2021-02-01,,1月19日发布会')).toEqual([
      '2 截止时间: 截止时间与已记录的不同：已记录的高风险止于 2021年2月8日 00:00（2021年2月8日 00:00 起低风险，依据「2月7日通报」），此行截止时间为 2021年2月1日 00:00',
    ]);
    expect(await check(`${TIMELINE},计划解除时间`, '石家庄市,新乐市,天悦花苑,中风险,2021-01-08,,,1月8日,2021-03-01')).toEqual([
      '2 计划解除时间: 计划解除时间与已记录的不同：已记录的 2021年1月8日 00:00 起中风险 未填计划解除时间，此行为 2021年3月1日 00:00',
    ]);
    // A new change between recorded ones: a zone's history is only appended to.
    expect(await check(TIMELINE, '石家庄市,新乐市,天悦花苑,中风险,2021-01-20,,,1月20日')).toEqual([
      '2 生效时间: 此行（2021年1月20日 00:00 起中风险）早于该区域已记录的最近一次变更（2021年2月22日 00:00 解除，依据「2月21日」），此时已记录的是 2021年1月18日 00:00 起高风险：区域的历史只能按时间先后追加，不能插在已记录的变更之前',
    ]);
    expect(await check(TIMELINE, '石家庄市,新乐市,天悦花苑,中风险,,,2021-01-20,1月20日名单')).toEqual([
      '2 名单日期: 此行（据2021年1月20日名单为中风险）早于该区域已记录的最近一次变更（2021年2月22日 00:00 解除，依据「2月21日」），此时已记录的是 2021年1月18日 00:00 起高风险：区域的历史只能按时间先后追加，不能插在已记录的变更之前',
    ]);
    // A list naming the level in force then says nothing new.
    const listed = await previewImport(db, file([TIMELINE, '石家庄市,新乐市,天悦花苑,高风险,,,2021-01-28,1月28日名单']), ctx.now);
    expect(listed.rows[0]).toMatchObject({
      action: 'recorded',
      errors: [],
      recorded: { effectiveAt: '2021-01-17T16:00:00.000Z', levelName: '高风险' },
    });
  });

  it('reads a file mixing LF, CR and CRLF line endings as one row per line', async () => {
    const lines = [
      TIMELINE,
      '石家庄市,新乐市,甲小区,中风险,2021-01-08,,,通报一',
      '石家庄市,新乐市,乙小区,中风险,2021-01-08,,,通报二',
      '石家庄市,新乐市,丙小区,中风险,2021-01-08,,,通报三',
    ];
    const mixed = `${lines[0]}\n${lines[1]}\r${lines[2]}\r\n${lines[3]}`;
    const preview = await previewImport(db, { filename: 'mixed.csv', bytes: new TextEncoder().encode(mixed) }, ctx.now);
    expect(preview.rows.map((r) => [r.row, r.name, r.notice])).toEqual([
      [2, '甲小区', '通报一'],
      [3, '乙小区', '通报二'],
      [4, '丙小区', '通报三'],
    ]);
  });

  it('names every bad row and applies nothing: unknown county with suggestions, dates outside the window, the same time at two levels', async () => {
    const bad = file([
      TIMELINE,
      '邢台市,南宫县城,某小区,中风险,2021-01-08,,,通报',
      '石家庄市,藁城区,某村,中风险,0021-01-08,,,通报',
      '石家庄市,藁城区,某村2,中风险,2019-06-01,,,通报',
      '石家庄市,新乐市,甲小区,中风险,2021-01-08,,,通报',
      '石家庄市,新乐市,甲小区,高风险,2021-01-08,,,通报',
      '石家庄市,新乐市,乙小区,中风险,,,,通报',
    ]);
    const preview = await previewImport(db, bad, ctx.now);
    expect(problems(preview.rows)).toEqual([
      '2 区县: 未知的县（市、区）「邢台市南宫县城」（可填名称、简称或 6 位区划代码）；是否是：南宫市、南和区、临城县？',
      '3 生效时间: 时间 0021-01-08 不在合理范围内（2019-12-01 至 2021-05-26），请核对年份和日期',
      '4 生效时间: 时间 2019-06-01 不在合理范围内（2019-12-01 至 2021-05-26），请核对年份和日期',
      '6 风险等级: 与第 5 行是同一区域（甲小区）、同一时间，但等级不同（中风险／高风险）',
      '7 生效时间: 起始时间未填时，须填「名单日期」',
    ]);
    await expect(applyImport(ctx, bad, preview.fingerprint)).rejects.toThrow('5 行有问题');
    expect(await listZones(db, ctx.now.toISOString())).toEqual([]);
  });

  it('holds a likely duplicate of an existing zone for a person to decide, then imports as decided', async () => {
    const existing = await tianyue();
    // The county in front of the name is the same place: matched without asking.
    const same = await previewImport(db, file([TIMELINE, '石家庄市,新乐市,新乐市天悦花苑,高风险,2021-01-18,,,发布会']), ctx.now);
    expect(same.rows[0]).toMatchObject({ zoneId: existing.id, action: 'relevel', errors: [] });

    const f = file([TIMELINE, '石家庄市,新乐市,天悦花苑小区,高风险,2021-01-18,,,发布会']);
    const held = await previewImport(db, f, ctx.now);
    expect(held.rows[0]!.possibleDuplicates).toEqual([{ zoneId: existing.id, name: '天悦花苑' }]);
    expect(problems(held.rows)).toEqual(['2 区域: 可能与新乐市已有区域「天悦花苑」是同一地点：请确认是同一地点还是新区域']);

    const key = held.rows[0]!.zoneKey!;
    const decided = await previewImport(db, f, ctx.now, { [key]: existing.id });
    expect(decided.rows[0]).toMatchObject({ zoneId: existing.id, action: 'relevel', errors: [] });
    await applyImport(ctx, f, decided.fingerprint, { [key]: existing.id });
    expect((await listZones(db, ctx.now.toISOString())).map((z) => [z.name, z.level?.name])).toEqual([['天悦花苑', '高风险']]);
  });
});
