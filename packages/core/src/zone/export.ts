// The zone list and its full history as CSV and XLSX. The current list uses the import's headers
// first, so a file exported here and imported again changes nothing.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Executor } from '../db/database.ts';
import { listDistricts } from '../district/district.ts';
import { beijingDateTime, beijingParts } from '../shared/time.ts';
import { IMPORT_COLUMNS, IMPORT_COLUMN_HELP, IMPORT_COLUMN_KEYS, TIMELINE_TEMPLATE_KEYS, wholeDistrictName } from './import-format.ts';
import { listLevels } from './levels.ts';
import { ZONE_KIND_LABELS } from './schema.ts';
import { foldZoneEvents, ZONE_ACTION_LABELS } from './state-machine.ts';
import { listZones } from './zone.ts';

/** A cell: text, or a time (an ISO instant) shown as Beijing time. */
export type ExportCell = string | { instant: string } | null;

export interface ExportTable {
  sheetName: string;
  headers: string[];
  rows: ExportCell[][];
  /** Column widths in characters, for XLSX. */
  widths: number[];
}

const C = IMPORT_COLUMNS;
const STATUS_LABELS = { control: '在管控', released: '不再管控', lifted: '已解除', none: '尚未生效' } as const;
/** What the level column says for a lifted zone: the importer reads it as a lift. */
export const LIFTED_LEVEL_TEXT = '解除';

const at = (instant: string | null | undefined): ExportCell => (instant ? { instant } : null);

/** Every zone as it stands after all recorded changes (including those announced for later). */
export async function currentZonesTable(db: Executor, now: Date): Promise<ExportTable> {
  const [zones, levels, districts] = await Promise.all([listZones(db, now.toISOString()), listLevels(db), listDistricts(db)]);
  const levelById = new Map(levels.map((l) => [l.id, l]));
  const shortName = new Map(districts.map((d) => [d.code, d.shortName]));
  const headers = [
    C.district,
    C.town,
    C.village,
    C.level,
    C.effectiveAt,
    C.notice,
    C.note,
    C.address,
    C.kind,
    C.plannedEndAt,
    '状态',
    '区划代码',
    '区域ID',
    '版本',
    '管控起始时间UTC',
    '生效时间UTC',
    '计划解除时间UTC',
    '最近录入时间UTC',
  ];
  const rows = zones.map((z) => {
    const state = foldZoneEvents(z.events);
    const last = z.events.at(-1);
    // Where the name goes: the importer joins 乡镇/街道 and 村/社区/小区 back into the same name.
    const wholeDistrict = z.kind === 'district' && z.name === wholeDistrictName(shortName.get(z.districtCode) ?? z.districtName);
    const town = z.kind === 'town' ? z.name : '';
    const village = wholeDistrict || z.kind === 'town' ? '' : z.name;
    const since = state.status === 'sealed' ? state.levelSince : state.status === 'lifted' ? state.liftedAt : null;
    const level =
      state.status === 'sealed'
        ? (levelById.get(state.levelId)?.name ?? state.levelId)
        : state.status === 'lifted'
          ? LIFTED_LEVEL_TEXT
          : '';
    const plannedEndAt = state.status === 'sealed' ? state.plannedEndAt : null;
    return [
      z.districtName,
      town,
      village,
      level,
      at(since),
      last?.notice ?? '',
      last?.note ?? '',
      z.address ?? '',
      ZONE_KIND_LABELS[z.kind],
      at(plannedEndAt),
      STATUS_LABELS[state.status === 'sealed' ? (levelById.get(state.levelId)?.control === false ? 'released' : 'control') : state.status],
      z.districtCode,
      z.id,
      String(z.version),
      state.status === 'none' ? '' : state.sealedSince,
      since ?? '',
      plannedEndAt ?? '',
      z.lastChangedAt,
    ];
  });
  return { sheetName: '管控区域', headers, rows, widths: [10, 14, 22, 10, 18, 30, 24, 28, 10, 18, 8, 9, 38, 6, 26, 26, 26, 26] };
}

/** Every recorded change of every zone, one row per event, in the order they were recorded per zone. */
export async function zoneHistoryTable(db: Executor, now: Date): Promise<ExportTable> {
  const zones = await listZones(db, now.toISOString());
  const headers = [
    '区域ID',
    '事件ID',
    '序号',
    C.district,
    '区划代码',
    '名称',
    C.kind,
    '操作',
    '等级',
    C.effectiveAt,
    '生效时间UTC',
    C.plannedEndAt,
    C.notice,
    C.note,
    '录入人',
    '录入时间',
    '录入时间UTC',
  ];
  const rows = zones.flatMap((z) =>
    z.events.map((e) => [
      z.id,
      e.id,
      String(e.seq),
      z.districtName,
      z.districtCode,
      z.name,
      ZONE_KIND_LABELS[z.kind],
      ZONE_ACTION_LABELS[e.action],
      e.levelName ?? '',
      at(e.effectiveAt),
      e.effectiveAt,
      at(e.plannedEndAt),
      e.notice,
      e.note ?? '',
      e.recordedByName,
      at(e.recordedAt),
      e.recordedAt,
    ]),
  );
  return { sheetName: '变更记录', headers, rows, widths: [38, 38, 6, 10, 9, 26, 10, 10, 10, 18, 26, 18, 30, 24, 12, 18, 26] };
}

/** The import template: the headers alone, and in XLSX a second sheet describing each column. */
export function importTemplateTable(): ExportTable {
  return {
    sheetName: '管控区域',
    headers: TIMELINE_TEMPLATE_KEYS.map((k) => IMPORT_COLUMNS[k]),
    rows: [],
    widths: [10, 10, 24, 10, 18, 18, 12, 30, 24, 28, 10, 18],
  };
}

/**
 * CSV as Excel opens it correctly on a Chinese Windows: UTF-8 with a BOM, CRLF line ends; times as
 * 'YYYY-MM-DD HH:mm' Beijing time, the form the importer reads back. Values
 * that Excel would take for a formula (=, +, -, @ first) are kept as text with a leading apostrophe.
 */
export function tableToCsv(table: ExportTable): string {
  const records = table.rows.map((row) =>
    row.map((cell) => (cell === null ? '' : typeof cell === 'string' ? cell : beijingDateTime(cell.instant))),
  );
  return stringify([table.headers, ...records], {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

/**
 * XLSX with a bold, frozen header row and column widths. Times are real date cells holding Beijing
 * wall-clock time (Excel has no time zones), formatted 'yyyy-mm-dd hh:mm'; the UTC columns are text.
 */
export async function tableToXlsx(table: ExportTable, options: { help?: boolean } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '疫情信息发布';
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.headers.map((header, i) => ({ header, key: String(i), width: table.widths[i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(
      row.map((cell) => {
        if (cell === null || typeof cell === 'string') return cell ?? '';
        const p = beijingParts(cell.instant);
        return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
      }),
    );
    row.forEach((cell, i) => {
      if (cell !== null && typeof cell !== 'string') added.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
    });
  }
  if (options.help) {
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'column', width: 16 },
      { header: '说明', key: 'help', width: 90 },
    ];
    help.getRow(1).font = { bold: true };
    for (const key of IMPORT_COLUMN_KEYS) help.addRow({ column: IMPORT_COLUMNS[key], help: IMPORT_COLUMN_HELP[key] });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
