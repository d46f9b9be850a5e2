import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { zipUnpackedSize } from '../shared/zip-size.ts';
import { describe, expect } from 'vitest';
import { listAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { VILLAGE_ZONE } from '../test-support/fixtures.ts';
import { applyImport, parseBeijingTime, previewImport, type ImportFile } from './import.ts';
import type { ImportRow } from './import-format.ts';
import { setLevelSchemeInForce } from './levels.ts';
import { createZone, liftZone, listZones, relevelZone } from './zone.ts';

const HEADER = '区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注';

const csv = (...lines: string[]): ImportFile => ({ filename: 'list.csv', bytes: new TextEncoder().encode(lines.join('\r\n')) });

/** The errors of each bad row, as `row column: message` lines. */
/** The names of the zones in force when the administrator acts, sorted. */
const zoneNames = async (admin: WriteContext) => (await listZones(admin.db, admin.now.toISOString())).map((z) => z.name).sort();

const problems = (rows: ImportRow[]) => rows.flatMap((r) => r.errors.map((e) => `${r.row} ${e.column ?? '-'}: ${e.message}`));

/** GB18030 bytes of a string, built from the decoder (Node has no GB18030 encoder). */
function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...table.get(ch)!);
  }
  return new Uint8Array(bytes);
}

describe('reading times as offices write them', () => {
  it('reads every common form as Beijing time', () => {
    const midnight = '2021-01-05T16:00:00.000Z';
    for (const text of [
      '2021-01-06 00:00',
      '2021-01-06T00:00',
      '2021/1/6 0:00',
      '2021年1月6日0时',
      '2021-01-06',
      '2021/1/6',
      '2021年1月6日',
      '2021.1.6',
      '2021-01-06T00:00:00+08:00',
    ]) {
      expect(parseBeijingTime(text), text).toBe(midnight);
    }
    expect(parseBeijingTime('2021年1月15日12时30分')).toBe('2021-01-15T04:30:00.000Z');
    expect(parseBeijingTime('2021-01-15 24:00')).toBe('2021-01-15T16:00:00.000Z');
    // A spreadsheet date cell: its UTC fields are the wall-clock time.
    expect(parseBeijingTime(new Date(Date.UTC(2021, 0, 6, 8, 0)))).toBe('2021-01-06T00:00:00.000Z');
  });

  it('refuses what is not a real time', () => {
    for (const text of ['2021-02-30', '2021-13-01 00:00', '明天', '1/6/2021', '2021-01-06 25:00', '20210106']) {
      expect(parseBeijingTime(text), text).toBeNull();
    }
  });
});

describe('zone import', () => {
  it.beforeEach(async ({ admin }) => {
    await createZone(admin, VILLAGE_ZONE);
  });

  it('plans seals, re-levels, lifts and unchanged rows, with headers in any order and a BOM', async ({ db, admin }) => {
    const file = csv(
      '\uFEFF风险等级, 区县 ,村/社区/小区,乡镇/街道,生效时间,依据,类型',
      '高风险,藁城区,西里村,增村镇,2021-01-06 00:00,通告第1号,',
      '中风险,130109,小果庄村,增村镇,2021/1/18 0:00,通告第2号,',
      '中风险地区,新华区,,,2021年1月7日0时,通告第3号,',
      '高风险,藁城,,岗上镇,2021-01-07,通告第4号,',
      '低风险,长安区,建设北大街1号院,,2021-01-08 08:00,通告第5号,楼栋',
    );
    const preview = await previewImport(db, file, admin.now);
    expect(problems(preview.rows)).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.districtName, r.name, r.kind, r.action, r.levelName, r.effectiveAt])).toEqual([
      [2, '藁城区', '增村镇西里村', 'village', 'seal', '高风险', '2021-01-05T16:00:00.000Z'],
      [3, '藁城区', '增村镇小果庄村', 'village', 'relevel', '中风险', '2021-01-17T16:00:00.000Z'],
      [4, '新华区', '新华区全域', 'district', 'seal', '中风险', '2021-01-06T16:00:00.000Z'],
      [5, '藁城区', '岗上镇', 'town', 'seal', '高风险', '2021-01-06T16:00:00.000Z'],
      [6, '长安区', '建设北大街1号院', 'building', 'seal', '低风险', '2021-01-08T00:00:00.000Z'],
    ]);
    expect(preview.rows[1]).toMatchObject({ current: '高风险' });
    expect(preview.summary).toEqual({ rows: 5, zones: 5, seal: 4, relevel: 1, lift: 0, unchanged: 0, recorded: 0, error: 0 });
    expect(preview.format).toBe('csv');
    // Previewing writes nothing.
    expect(await zoneNames(admin)).toEqual(['增村镇小果庄村']);
  });

  it('takes out invisible characters and line breaks from names, so a name reads as it is', async ({ db, admin }) => {
    const file = csv(
      HEADER,
      // A zero-width space, a right-to-left override and a line break inside the quoted name.
      '藁城区,增村镇,"西\u200B里\u202E村\n二组",高风险,2021-01-06 00:00,"通告\u2066第1号",',
    );
    const preview = await previewImport(db, file, admin.now);
    expect(problems(preview.rows)).toEqual([]);
    expect(preview.rows.map((r) => r.name)).toEqual(['增村镇西里村二组']);
    await applyImport(admin, { ...file }, preview.fingerprint);
    expect(await zoneNames(admin)).toContain('增村镇西里村二组');
  });

  it('applies a good file in one go, each change validated and audited, plus one entry for the import', async ({ db, admin }) => {
    const file = csv(
      HEADER,
      '藁城区,增村镇,西里村,高风险,2021-01-06 00:00,通告第1号,',
      '藁城区,增村镇,小果庄村,解除,2021-01-19 00:00,通告第2号,"解除, 转为常态化防控"',
      '新华区,,,中风险,2021-01-07 00:00,通告第3号,',
    );
    const preview = await previewImport(db, file, admin.now);
    const result = await applyImport(admin, { ...file }, preview.fingerprint);
    expect(result.applied.map((a) => [a.row, a.action, a.name])).toEqual([
      [2, 'seal', '增村镇西里村'],
      [3, 'lift', '增村镇小果庄村'],
      [4, 'seal', '新华区全域'],
    ]);
    const zones = await listZones(db, admin.now.toISOString());
    expect(zones.map((z) => [z.name, z.state.status]).sort()).toEqual([
      ['增村镇小果庄村', 'lifted'],
      ['增村镇西里村', 'sealed'],
      ['新华区全域', 'sealed'],
    ]);
    const lifted = zones.find((z) => z.name === '增村镇小果庄村')!;
    expect(lifted.events.at(-1)).toMatchObject({
      action: 'lift',
      notice: '通告第2号',
      note: '解除, 转为常态化防控',
      recordedByName: '管理员甲',
    });

    const audit = await listAudit(db);
    expect(audit.map((a) => a.action)).toEqual([
      'zone.import',
      'zone.seal',
      'zone.create',
      'zone.lift',
      'zone.seal',
      'zone.create',
      'zone.seal',
      'zone.create',
    ]);
    expect(audit[0]).toMatchObject({
      entityType: 'zone_import',
      entityId: preview.sha256,
      after: { filename: 'list.csv', sha256: preview.sha256, counts: { seal: 2, lift: 1, relevel: 0, unchanged: 0, error: 0 } },
    });
    expect(preview.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The same file again: every row is recorded already; applying it writes nothing, and says so.
    const again = await previewImport(db, file, admin.now);
    expect(again.summary).toEqual({ rows: 3, zones: 3, seal: 0, relevel: 0, lift: 0, unchanged: 0, recorded: 3, error: 0 });
    expect(again.rows.map((r) => [r.row, r.action, r.recorded?.levelName, r.notes])).toEqual([
      [2, 'recorded', '高风险', []],
      [3, 'recorded', null, []],
      [4, 'recorded', '中风险', []],
    ]);
    const nothing = await applyImport(admin, file, again.fingerprint);
    expect(nothing).toMatchObject({ applied: [], summary: { recorded: 3 } });
    expect(await listAudit(db)).toHaveLength(audit.length);
  });

  it('names the row, the column and the reason of every bad row, and applies nothing of a mixed file', async ({ db, admin }) => {
    const file = csv(
      HEADER,
      '藁城区,增村镇,西里村,高风险,2021-01-06 00:00,通告第1号,', // good
      '石家庄西区,,某村,高风险,2021-01-06 00:00,通告,', // unknown district
      '藁城区,,东村,封控区,2021-01-06 00:00,通告,', // level of the scheme not in force
      '藁城区,增村镇,西里村,中风险,2021-01-06 00:00,通告,', // the same zone at the same time, at another level
      '藁城区,,南村,高风险,2021-02-30 00:00,通告,', // no such day
      '藁城区,,北村,高风险,2021-01-06 00:00,,', // notice missing
      ',,,,,,', // blank: skipped
      '藁城区,,北村2,,,通告,', // level and time missing
      '新华区,,某社区,解除,2021-01-06 00:00,通告,', // lift of a zone that does not exist
      '藁城区,增村镇,小果庄村,中风险,2021-01-01 00:00,通告,', // earlier than the zone's last change
    );
    const preview = await previewImport(db, file, admin.now);
    expect(problems(preview.rows)).toEqual([
      '3 区县: 未知的县（市、区）「石家庄西区」（可填名称、简称或 6 位区划代码）；是否是：桥西区、迁西县、临西县？',
      '4 风险等级: 未知的等级「封控区」：现行等级体系为「高、中、低风险地区（2021年1月）」，可填 高风险、中风险、低风险，或“解除”',
      '5 风险等级: 与第 2 行是同一区域（增村镇西里村）、同一时间，但等级不同（高风险／中风险）',
      '6 生效时间: 无法识别的时间「2021-02-30 00:00」，请写成 2021-01-06 00:00 这样的北京时间',
      '7 依据: 必填',
      '9 生效时间: 起始时间未填时，须填「名单日期」',
      '9 风险等级: 必填',
      '10 风险等级: 该区域尚无管控记录，无法解除（请核对区县和名称）',
      '11 生效时间: 此行（2021年1月1日 00:00 起中风险）早于该区域已记录的最近一次变更（2021年1月5日 00:00 起高风险，依据「风险等级调整公告」），此前尚无记录：区域的历史只能按时间先后追加，不能插在已记录的变更之前',
    ]);
    expect(preview.summary).toEqual({ rows: 9, zones: 8, seal: 1, relevel: 0, lift: 0, unchanged: 0, recorded: 0, error: 8 });
    const error = await applyImport(admin, file, preview.fingerprint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('8 行有问题');
    expect(await zoneNames(admin)).toEqual(['增村镇小果庄村']);
    expect((await listAudit(db)).map((a) => a.action)).toEqual(['zone.seal', 'zone.create']);
  });

  it('refuses a lift of a lifted zone and a planned end before the time a measure takes effect', async ({ db, admin }) => {
    const [zone] = await listZones(db, admin.now.toISOString());
    await liftZone(admin, { zoneId: zone!.id, expectedVersion: zone!.version, effectiveAt: '2021-01-10T00:00:00+08:00', notice: '解除' });
    const preview = await previewImport(
      db,
      csv(
        `${HEADER},计划解除时间`,
        '藁城区,增村镇,小果庄村,解除,2021-01-12 00:00,通告,,',
        '藁城区,增村镇,东董村,高风险,2021-01-12 00:00,通告,,2021-01-11 00:00',
        '藁城区,增村镇,西董村,高风险,2021-01-12 00:00,通告,,不知道',
        // The lift already recorded, sent again: nothing to do.
        '藁城区,增村镇,小果庄村,解除,2021-01-10 00:00,通告,,',
      ),
      admin.now,
    );
    expect(problems(preview.rows)).toEqual([
      '2 风险等级: 该区域当前不在管控中，无法解除',
      '3 计划解除时间: 计划解除时间必须晚于生效时间',
      '4 计划解除时间: 无法识别的时间「不知道」，请写成 2021-01-06 00:00 这样的北京时间',
    ]);
    // Rows of one zone are taken in date order: the lift of 10 Jan (recorded already) comes first.
    expect(preview.rows.find((r) => r.row === 5)).toMatchObject({ action: 'recorded', step: { index: 1, of: 2 } });
    const once = await previewImport(db, csv(HEADER, '藁城区,增村镇,小果庄村,解除,2021-01-10 00:00,通告,'), admin.now);
    expect(once.rows[0]).toMatchObject({
      action: 'recorded',
      current: '已解除',
      recorded: { effectiveAt: '2021-01-09T16:00:00.000Z', levelName: null, notice: '解除' },
    });
  });

  it('seals a lifted zone again, and reads a level of an earlier scheme in force as recorded', async ({ db, admin }) => {
    const [zone] = await listZones(db, admin.now.toISOString());
    const relevelled = await relevelZone(admin, {
      zoneId: zone!.id,
      expectedVersion: zone!.version,
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-08T00:00:00+08:00',
      notice: '调整',
    });
    await setLevelSchemeInForce(admin, 'control-2022');
    const preview = await previewImport(
      db,
      csv(HEADER, '藁城区,增村镇,小果庄村,中风险,2021-01-09 00:00,通告,', '新华区,,某社区,封控区,2021-01-09 00:00,通告,'),
      admin.now,
    );
    expect(preview.rows.map((r) => [r.action, r.levelName])).toEqual([
      ['recorded', '中风险'],
      ['seal', '封控区'],
    ]);
    // The level in force since the change of 8 January, restated on the 9th.
    expect(preview.rows[0]!.recorded).toEqual({
      effectiveAt: '2021-01-07T16:00:00.000Z',
      listedOn: null,
      levelName: '中风险',
      notice: '调整',
    });
    const lifted = await liftZone(admin, {
      zoneId: zone!.id,
      expectedVersion: relevelled.version,
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '解除',
    });
    const again = await previewImport(db, csv(HEADER, '藁城区,增村镇,小果庄村,管控区,2021-01-15 00:00,再次划定,'), admin.now);
    expect(again.rows[0]).toMatchObject({ action: 'seal', levelId: 'control-2022.controlled', zoneId: lifted.id });
    await applyImport(admin, csv(HEADER, '藁城区,增村镇,小果庄村,管控区,2021-01-15 00:00,再次划定,'), again.fingerprint);
    const [after] = await listZones(db, admin.now.toISOString());
    expect(after!.events.map((e) => e.action)).toEqual(['seal', 'relevel', 'lift', 'seal']);
  });

  it('refuses to apply when a zone of the file changed after the preview', async ({ db, admin }) => {
    const file = csv(HEADER, '藁城区,增村镇,小果庄村,中风险,2021-01-18 00:00,通告,', '新华区,,某社区,高风险,2021-01-09 00:00,通告,');
    const preview = await previewImport(db, file, admin.now);
    const [zone] = await listZones(db, admin.now.toISOString());
    await relevelZone(admin, {
      zoneId: zone!.id,
      expectedVersion: zone!.version,
      levelId: 'risk-2021.low',
      effectiveAt: '2021-01-10T00:00:00+08:00',
      notice: '别人改的',
    });
    await expect(applyImport(admin, file, preview.fingerprint)).rejects.toBeInstanceOf(ConflictError);
    expect(await zoneNames(admin)).toEqual(['增村镇小果庄村']);
    // A zone created meanwhile under a name the file seals changes the plan too.
    const second = await previewImport(db, file, admin.now);
    await createZone(admin, {
      districtCode: '130105',
      name: '某社区',
      kind: 'community',
      levelId: 'risk-2021.low',
      effectiveAt: '2021-01-08T00:00:00+08:00',
      notice: '通告',
    });
    await expect(applyImport(admin, file, second.fingerprint)).rejects.toBeInstanceOf(ConflictError);
  });

  it('leaves nothing behind when a write fails half-way through', async ({ db, admin }) => {
    await sql`CREATE TRIGGER refuse_third BEFORE INSERT ON zone WHEN NEW.name = '第三村' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`.execute(
      db,
    );
    const file = csv(
      HEADER,
      '藁城区,,第一村,高风险,2021-01-06 00:00,通告,',
      '藁城区,增村镇,小果庄村,中风险,2021-01-18 00:00,通告,',
      '藁城区,,第三村,高风险,2021-01-06 00:00,通告,',
    );
    const preview = await previewImport(db, file, admin.now);
    expect(preview.summary.error).toBe(0);
    await expect(applyImport(admin, file, preview.fingerprint)).rejects.toThrow('injected failure');
    const zones = await listZones(db, admin.now.toISOString());
    expect(zones.map((z) => [z.name, z.version, z.level?.name])).toEqual([['增村镇小果庄村', 2, '高风险']]);
    expect((await listAudit(db)).map((a) => a.action)).toEqual(['zone.seal', 'zone.create']);
  });

  it('reads an XLSX file with a title row and real date cells', async ({ db, admin }) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['石家庄市风险区域名单（1月6日）']);
    sheet.addRow(['区县', '乡镇/街道', '村/社区/小区', '风险等级', '生效时间', '依据', '计划解除时间']);
    sheet.addRow([
      130109,
      '增村镇',
      '西里村',
      '高风险',
      new Date(Date.UTC(2021, 0, 6, 0, 0)),
      { richText: [{ text: '通告' }, { text: '第1号' }] },
      null,
    ]);
    sheet.addRow(['新华区', '', '', '中风险', '2021/1/7 8:00', '通告第2号', new Date(Date.UTC(2021, 0, 20))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await previewImport(db, { filename: '名单.xlsx', bytes }, admin.now);
    expect(preview.format).toBe('xlsx');
    expect(problems(preview.rows)).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.name, r.effectiveAt, r.notice, r.plannedEndAt])).toEqual([
      [3, '增村镇西里村', '2021-01-05T16:00:00.000Z', '通告第1号', null],
      [4, '新华区全域', '2021-01-07T00:00:00.000Z', '通告第2号', '2021-01-19T16:00:00.000Z'],
    ]);
  });

  it('reads a CSV that Excel saved in GB18030', async ({ db, admin }) => {
    const text = `${HEADER}\r\n藁城区,增村镇,西里村,高风险,2021年1月6日0时,风险等级调整公告,`;
    const preview = await previewImport(db, { filename: 'gbk.csv', bytes: gb18030(text) }, admin.now);
    expect(problems(preview.rows)).toEqual([]);
    expect(preview.rows[0]).toMatchObject({ name: '增村镇西里村', notice: '风险等级调整公告', action: 'seal' });
  });

  it('refuses a file that is too large, too long, or lacks required columns', async ({ db, admin }) => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41);
    await expect(previewImport(db, { filename: 'big.csv', bytes: big }, admin.now)).rejects.toThrow('文件超过 5 MB');
    const long = csv(HEADER, ...Array.from({ length: 20_001 }, (_, i) => `藁城区,,村${i},高风险,2021-01-06,通告,`));
    await expect(previewImport(db, long, admin.now)).rejects.toThrow('文件超过 20,000 行');
    await expect(previewImport(db, csv('区县,风险等级,生效时间', '藁城区,高风险,2021-01-06'), admin.now)).rejects.toThrow(
      '缺少必需的列：「依据」、「区域」或「乡镇/街道」「村/社区/小区」',
    );
    await expect(previewImport(db, csv('名称,等级'), admin.now)).rejects.toThrow('没有找到表头');
    await expect(previewImport(db, csv(HEADER), admin.now)).rejects.toThrow('没有数据行');
  });

  it('refuses an XLSX that would unpack to more than the limit, before unpacking it, and a damaged one', async ({ db, admin }) => {
    // A small file whose directory declares 350 MB of sheet: refused from the directory alone.
    const bomb = zipDeclaring('xl/sharedStrings.xml', 350 * 1024 * 1024);
    expect(zipUnpackedSize(bomb)).toBe(350 * 1024 * 1024);
    await expect(previewImport(db, { filename: '名单.xlsx', bytes: bomb }, admin.now)).rejects.toThrow('解压后超过 64 MB');
    const cut = bomb.slice(0, bomb.byteLength - 30);
    await expect(previewImport(db, { filename: '名单.xlsx', bytes: cut }, admin.now)).rejects.toThrow('文件已损坏或不完整');
  });
});

/** A zip of one stored entry whose directory declares `declared` bytes unpacked (the data itself is empty). */
function zipDeclaring(name: string, declared: number): Uint8Array {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + n.length, 12);
  eocd.writeUInt32LE(30 + n.length, 16);
  return new Uint8Array(Buffer.concat([local, n, central, n, eocd]));
}
