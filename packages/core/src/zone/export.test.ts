import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import { deskTest as it } from '../test-support/desk.ts';
import { currentZonesTable, importTemplateTable, tableToCsv, tableToXlsx, zoneHistoryTable, type ExportTable } from './export.ts';
import { previewImport } from './import.ts';
import { TEMPLATE_COLUMN_KEYS, IMPORT_COLUMNS } from './import-format.ts';
import { createZone, liftZone, relevelZone } from './zone.ts';

const csvBytes = (table: ExportTable) => new TextEncoder().encode(tableToCsv(table));

describe('zone export', () => {
  it.beforeEach(async ({ admin }) => {
    const base = { levelId: 'risk-2021.high', effectiveAt: '2021-01-05T00:00:00+08:00', notice: '风险等级调整公告' };
    const village = await createZone(admin, {
      ...base,
      districtCode: '130109',
      name: '增村镇小果庄村',
      kind: 'village',
      note: '划定为高风险地区',
    });
    await createZone(admin, {
      ...base,
      districtCode: '130109',
      name: '藁城区全域',
      kind: 'district',
      effectiveAt: '2021-01-06T00:00:00+08:00',
    });
    await createZone(admin, { ...base, districtCode: '130110', name: '铜冶镇', kind: 'town', plannedEndAt: '2021-01-25T00:00:00+08:00' });
    const tricky = await createZone(admin, {
      ...base,
      districtCode: '130105',
      name: '某小区 "东院"',
      kind: 'community',
      address: '新华区某路1号, 2号',
      notice: '通告（第1号）, 附件',
    });
    await relevelZone(admin, {
      zoneId: village.id,
      expectedVersion: village.version,
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-18T00:00:00+08:00',
      notice: '调整公告',
    });
    await liftZone(admin, {
      zoneId: tricky.id,
      expectedVersion: tricky.version,
      effectiveAt: '2021-01-19T12:30:00+08:00',
      notice: '=解除公告',
      note: '第一行\n第二行',
    });
  });

  it('writes CSV for Excel: BOM, CRLF, quoted commas, quotes and line breaks, formulas kept as text', async ({ db, admin }) => {
    const text = tableToCsv(await currentZonesTable(db, admin.now));
    expect(text.startsWith('\uFEFF区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注,地址,类型,计划解除时间,状态,')).toBe(true);
    expect(text.split('\r\n')[1]).toMatch(/^长安区|^新华区|^藁城区|^鹿泉区/);
    expect(text).toContain('"某小区 ""东院"""');
    expect(text).toContain('"新华区某路1号, 2号"');
    expect(text).toContain(",'=解除公告,"); // the apostrophe keeps Excel from running it
    expect(text).toContain('"第一行\n第二行"');
    const records = parse(text.slice(1), { record_delimiter: '\r\n' }) as string[][];
    expect(records.every((r) => r.length === records[0]!.length)).toBe(true);
  });

  it('exports the current list with the import headers, and it imports back as recorded (CSV and XLSX)', async ({ db, admin }) => {
    const table = await currentZonesTable(db, admin.now);
    expect(table.headers.slice(0, TEMPLATE_COLUMN_KEYS.length)).toEqual(TEMPLATE_COLUMN_KEYS.map((k) => IMPORT_COLUMNS[k]));
    const byName = new Map(table.rows.map((r) => [`${r[1]}|${r[2]}`, r]));
    expect(byName.get('|')?.slice(0, 4)).toEqual(['藁城区', '', '', '高风险']);
    expect(byName.get('铜冶镇|')?.[9]).toEqual({ instant: '2021-01-24T16:00:00.000Z' });
    expect(byName.get('|增村镇小果庄村')?.slice(3, 6)).toEqual(['中风险', { instant: '2021-01-17T16:00:00.000Z' }, '调整公告']);
    expect(byName.get('|某小区 "东院"')?.[3]).toBe('解除');

    for (const file of [
      { filename: 'current.csv', bytes: csvBytes(table) },
      { filename: 'current.xlsx', bytes: await tableToXlsx(table) },
    ]) {
      const preview = await previewImport(db, file, admin.now);
      expect(
        preview.rows.flatMap((r) => r.errors),
        file.filename,
      ).toEqual([]);
      expect(preview.summary, file.filename).toMatchObject({ rows: 4, seal: 0, relevel: 0, lift: 0, unchanged: 0, recorded: 4, error: 0 });
      expect(preview.ignoredColumns).toContain('区域ID');
    }
  });

  it('exports every change as one history row, with Beijing and UTC times', async ({ db, admin }) => {
    const table = await zoneHistoryTable(db, admin.now);
    expect(table.rows).toHaveLength(6);
    const col = (name: string) => table.headers.indexOf(name);
    const relevel = table.rows.find((r) => r[col('操作')] === '调整等级')!;
    expect(relevel[col('名称')]).toBe('增村镇小果庄村');
    expect(relevel[col('等级')]).toBe('中风险');
    expect(relevel[col('序号')]).toBe('2');
    expect(relevel[col('生效时间UTC')]).toBe('2021-01-17T16:00:00.000Z');
    expect(relevel[col('录入人')]).toBe('管理员甲');
    const csv = tableToCsv(table);
    expect(csv).toContain(',2021-01-18 00:00,2021-01-17T16:00:00.000Z,');
  });

  it('writes XLSX with a bold header row, column widths and real date cells in Beijing wall time', async ({ db, admin }) => {
    const bytes = await tableToXlsx(await zoneHistoryTable(db, admin.now));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('变更记录');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(38);
    const effective = sheet.getRow(2).getCell(10);
    expect(effective.type).toBe(ExcelJS.ValueType.Date);
    expect(effective.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(2).getCell(11).value).toMatch(/Z$/);
  });

  it('offers a template of a timeline of notices and a sheet describing every column', async () => {
    expect(tableToCsv(importTemplateTable())).toBe(
      '\uFEFF城市,区县,区域,风险等级,生效时间,截止时间,名单日期,依据,备注,地址,类型,计划解除时间\r\n',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await tableToXlsx(importTemplateTable(), { help: true })) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['管控区域', '填写说明']);
  });
});
