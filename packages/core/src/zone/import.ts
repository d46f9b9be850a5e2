// Bulk import of a zone list as an office sends it (CSV or XLSX): read, check every row against the
// zones as recorded, preview the plan, then apply all of it in one transaction or nothing.
//
// What a row means: the zone is (district, 乡镇/街道 + 村/社区/小区, or 区域), '<district>全域' when both
// are empty; a zone may have several rows, taken in date order. A row the zone's recorded history
// already holds (a change recorded for that time at that level, or the level in force then) is
// "recorded": shown, not written, so a cumulative timeline can be imported again every day. The rows
// after the recorded history are planned against it: new or lifted → seal; sealed at another level →
// relevel; at the level an earlier row of the file gives → unchanged; 解除 → lift. A row between
// recorded changes, or contradicting one recorded for its time, is refused: a zone's history is only
// appended to. 地址 and 类型 are used for new zones only.
import { oneLine } from '../shared/zod.ts';
import { zipUnpackedSize } from '../shared/zip-size.ts';
import {
  excelSerialToDate,
  isZip,
  readSheetBytes,
  readSheetInWorker,
  SERIAL_PREFIX,
  tooManyRows,
  type Cell,
  type Sheet,
} from './import-sheet.ts';
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import { listDistricts } from '../district/district.ts';
import { loadCountyIndex, type Division } from '../division/division.ts';
import { divisionStem, matchCounty, type CountyIndex } from '../division/names.ts';
import { getDateWindow, outsideWindow } from './window.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { beijingDate, beijingDayStart, beijingInstant, formatDateTime } from '../shared/time.ts';
import { inTransaction } from '../shared/tx.ts';
import {
  IMPORT_COLUMN_ALIASES,
  IMPORT_COLUMN_KEYS,
  IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_UNPACKED_BYTES,
  IMPORT_MAX_ROWS,
  LIFT_WORDS,
  REQUIRED_IMPORT_COLUMNS,
  SWEEP_WORDS,
  describeChange,
  inferZoneKind,
  wholeDistrictName,
  writesChange,
  type DuplicateDecisions,
  type ImportAction,
  type ImportColumnKey,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type ImportRowError,
  type ImportSummary,
  type RecordedChange,
} from './import-format.ts';
import { listLevels, schemeInForce, type LevelScheme, type ZoneLevel } from './levels.ts';
import { ZONE_KIND_LABELS, ZONE_KINDS, type ZoneKind } from './schema.ts';
import { checkNextZoneEvent, foldZoneEvents, INITIAL_ZONE_STATE, ZoneTransitionError, type ZoneEventLike } from './state-machine.ts';
import { createZone, liftZone, listZones, relevelZone, sealZone, type ZoneEvent, type ZoneView } from './zone.ts';

export interface ImportFile {
  filename: string;
  bytes: Uint8Array;
}

/** Reads the file by its content, not its name: XLSX is a zip, anything else is read as CSV text. */
export async function readImportSheet(file: ImportFile): Promise<Sheet> {
  if (file.bytes.byteLength > IMPORT_MAX_BYTES) throw new InputError('content', '文件超过 5 MB，请分成几个文件导入');
  if (file.bytes.byteLength === 0) throw new InputError('content', '文件是空的');
  if (isZip(file.bytes)) {
    // Checked before anything is unpacked: a small file can unpack to more than the console's memory.
    const unpacked = zipUnpackedSize(file.bytes);
    if (unpacked === null) throw new InputError('content', '无法读取 XLSX 文件：文件已损坏或不完整');
    if (unpacked > IMPORT_MAX_UNPACKED_BYTES) {
      throw new InputError(
        'content',
        `XLSX 文件解压后超过 ${IMPORT_MAX_UNPACKED_BYTES / 1024 / 1024} MB（正常的名单远小于此），请检查文件，或另存为 CSV 后分成几个文件导入`,
      );
    }
  }
  // A spreadsheet is unpacked and read in a worker with a memory ceiling of its own: one built to
  // exhaust memory ends the worker, never the console. CSV text (5 MB at most, capped while parsed)
  // is read here: a worker would only add its start-up time.
  return isZip(file.bytes) ? readSheetInWorker(file.bytes) : readSheetBytes(file.bytes);
}

// ---------------------------------------------------------------------------------------------
// Cells to values

const normaliseHeader = (s: string) => s.replace(/^\uFEFF/, '').replace(/\s+/g, '');

const ALIAS_TO_KEY = new Map<string, ImportColumnKey>(
  IMPORT_COLUMN_KEYS.flatMap((key) => IMPORT_COLUMN_ALIASES[key].map((alias) => [normaliseHeader(alias), key] as const)),
);

function textOf(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (cell instanceof Date) return formatWallClock(cell);
  const s = cell.startsWith(SERIAL_PREFIX) ? cell.slice(SERIAL_PREFIX.length) : cell;
  // A leading apostrophe is how CSV exports keep a formula-like value as text. Invisible characters
  // (zero-width, bidirectional controls) go; line breaks and other controls become one space.
  return oneLine(s)
    .trim()
    .replace(/^'(?=[=+\-@])/, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

function formatWallClock(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * A time as offices write it, read as Beijing time; the UTC ISO instant, or null when unreadable.
 * '2021-01-06 00:00', '2021-01-06T00:00', '2021/1/6 0:00', '2021年1月6日0时', a date alone (00:00),
 * a spreadsheet date cell (its UTC fields are the wall-clock time), or an ISO instant with an offset.
 */
export function parseBeijingTime(cell: Cell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return beijingInstant(
      cell.getUTCFullYear(),
      cell.getUTCMonth() + 1,
      cell.getUTCDate(),
      cell.getUTCHours(),
      cell.getUTCMinutes(),
      cell.getUTCSeconds(),
    );
  }
  if (cell.startsWith(SERIAL_PREFIX)) {
    const serial = Number(cell.slice(SERIAL_PREFIX.length));
    // Plausible dates only (1990–2100): a bare number such as 20210106 is not a serial date.
    if (!Number.isFinite(serial) || serial < 32874 || serial > 73051) return parseBeijingTime(cell.slice(SERIAL_PREFIX.length));
    return parseBeijingTime(excelSerialToDate(serial));
  }
  const s = cell.trim().replace(/\s+/g, ' ');
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = new Date(s);
    return Number.isNaN(t.getTime()) ? null : t.toISOString();
  }
  const numeric = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (numeric) {
    const [, y, mo, d, h, mi, sec] = numeric;
    return beijingInstant(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0));
  }
  const chinese = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?: ?(\d{1,2})(?:时|点|:)(?:(\d{1,2})分?)?)?$/.exec(s);
  if (chinese) {
    const [, y, mo, d, h, mi] = chinese;
    return beijingInstant(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Kinds and levels by the names offices use

function kindOf(text: string): ZoneKind | null {
  const value = text.replace(/\s+/g, '');
  if ((ZONE_KINDS as readonly string[]).includes(value)) return value as ZoneKind;
  const found = ZONE_KINDS.find((k) => ZONE_KIND_LABELS[k] === value || ZONE_KIND_LABELS[k].split('/').includes(value));
  return found ?? null;
}

const levelNames = (scheme: LevelScheme) => scheme.levels.map((l) => l.name).join('、');

const countyNames = (list: readonly Division[]) => list.map((d) => d.name).join('、');

// ---------------------------------------------------------------------------------------------
// The plan

interface Planned {
  row: ImportRow;
  /** The zone as recorded, when it exists. */
  zone: ZoneView | null;
}

interface Plan {
  preview: ImportPreview;
  planned: Planned[];
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

const emptySummary = (): ImportSummary => ({ rows: 0, zones: 0, seal: 0, relevel: 0, lift: 0, unchanged: 0, recorded: 0, error: 0 });

function describeState(zone: ZoneView, levelById: Map<string, ZoneLevel>): string {
  const state = foldZoneEvents(zone.events);
  if (state.status === 'sealed') return levelById.get(state.levelId)?.name ?? state.levelId;
  if (state.status === 'lifted') return '已解除';
  return '尚未生效';
}

/** Where a refused transition is, in the file's columns. */
const COLUMN_OF_FIELD: Record<string, ImportColumnKey> = {
  action: 'level',
  levelId: 'level',
  effectiveAt: 'effectiveAt',
  plannedEndAt: 'plannedEndAt',
};

/** Names are compared without spaces: '增村镇 小果庄村' in a file is the zone '增村镇小果庄村'. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** The area's name without the city and county in front ('新乐市天悦花苑' in 新乐市 → '天悦花苑'). */
function areaName(text: string, county: Division, city: Division | null, shortName: string | null): string {
  let name = squash(text);
  for (const prefix of [city?.name, county.name, shortName, divisionStem(county.name)]) {
    if (prefix && name.startsWith(prefix) && name.length > prefix.length) name = name.slice(prefix.length);
  }
  return name;
}

/** Existing zones of the county whose names suggest the same place as `name` (one contains the other). */
function similarZones(zones: readonly ZoneView[], districtCode: string, name: string): ZoneView[] {
  const stem = (n: string) => n.replace(/(小区|社区|村|院|苑|园)$/, '');
  return zones.filter((z) => {
    if (z.districtCode !== districtCode || z.kind === 'district') return false;
    const other = squash(z.name);
    if (other === name) return false;
    return other.includes(name) || name.includes(other) || (stem(other).length >= 2 && stem(other) === stem(name));
  });
}

// ---------------------------------------------------------------------------------------------
// Rows a zone's history already holds

/** Times are compared to the minute: a list exported here, or typed in again, has no seconds. */
const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

const recordedChange = (e: ZoneEvent): RecordedChange => ({
  effectiveAt: e.effectiveAt,
  listedOn: e.listedOn,
  levelName: e.action === 'lift' ? null : e.levelName,
  notice: e.notice,
});

/** A recorded change in words, with its 依据. */
const describeRecorded = (e: ZoneEvent) => `${describeChange(recordedChange(e))}，依据「${e.notice}」`;

type AgainstRecorded =
  /** `event`: the recorded change the row describes, or the one that set the level it restates; `next`: the change after it. */
  | { status: 'recorded'; event: ZoneEvent; next: ZoneEvent | null; sameTime: boolean }
  | { status: 'new' }
  | { status: 'refused'; column: ImportColumnKey; message: string };

/**
 * A row of a zone with a recorded history, before the file adds anything to it: 'recorded' when the
 * history holds it already (a change recorded for the same time with the same level, or a lift at
 * that time; or the level in force at that time, restated); 'new' when it comes after every
 * recorded change. Refused when it contradicts a change recorded for the same time, or falls before
 * the latest recorded change: a zone's history is appended to in time order, never inserted into.
 */
function againstRecorded(events: readonly ZoneEvent[], row: ImportRow, isLift: boolean): AgainstRecorded {
  const at = minuteOf(row.effectiveAt!);
  const sameTime = events.filter((e) => minuteOf(e.effectiveAt) === at);
  const same = sameTime.find((e) => (isLift ? e.action === 'lift' : e.levelId === row.levelId));
  if (same) return { status: 'recorded', event: same, next: events[events.indexOf(same) + 1] ?? null, sameTime: true };

  // The recorded changes the row comes after: at its time, a list as of that date comes before a
  // change stated for that time.
  const after = events.findIndex(
    (e) => minuteOf(e.effectiveAt) > at || (minuteOf(e.effectiveAt) === at && row.listedOn !== null && e.listedOn === null),
  );
  const upTo = after < 0 ? events.length : after;
  const last = events[upTo - 1];
  const state = foldZoneEvents(events.slice(0, upTo));
  if (!isLift && last && state.status === 'sealed' && state.levelId === row.levelId) {
    return { status: 'recorded', event: last, next: events[upTo] ?? null, sameTime: false };
  }
  const what = describeChange({ ...row, effectiveAt: row.effectiveAt! });
  const clash = sameTime.find((e) => e.listedOn === null || row.listedOn !== null);
  if (clash) {
    return { status: 'refused', column: 'level', message: `与已记录的变更不一致：该区域已记录 ${describeRecorded(clash)}，此行为 ${what}` };
  }
  if (upTo < events.length) {
    const then = last ? `此时已记录的是 ${describeChange(recordedChange(last))}` : '此前尚无记录';
    return {
      status: 'refused',
      column: row.listedOn ? 'listedOn' : 'effectiveAt',
      message:
        `此行（${what}）早于该区域已记录的最近一次变更（${describeRecorded(events.at(-1)!)}），${then}：` +
        '区域的历史只能按时间先后追加，不能插在已记录的变更之前',
    };
  }
  return { status: 'new' };
}

/** Where a row the history holds differs from it in its end: its 截止时间, or its 计划解除时间. */
function endConflict(
  row: ImportRow,
  found: { event: ZoneEvent; next: ZoneEvent | null },
): { column: ImportColumnKey; message: string } | null {
  const { event, next } = found;
  if (row.endAt && next && minuteOf(next.effectiveAt) !== minuteOf(row.endAt)) {
    return {
      column: 'endAt',
      message: `截止时间与已记录的不同：已记录的${event.levelName}止于 ${formatDateTime(next.effectiveAt)}（${describeRecorded(next)}），此行截止时间为 ${formatDateTime(row.endAt)}`,
    };
  }
  if (row.plannedEndAt && (!event.plannedEndAt || minuteOf(event.plannedEndAt) !== minuteOf(row.plannedEndAt))) {
    const recorded = event.plannedEndAt ? `计划于 ${formatDateTime(event.plannedEndAt)} 解除` : '未填计划解除时间';
    return {
      column: 'plannedEndAt',
      message: `计划解除时间与已记录的不同：已记录的 ${describeChange(recordedChange(event))} ${recorded}，此行为 ${formatDateTime(row.plannedEndAt)}`,
    };
  }
  return null;
}

/** One row as read, before it is placed in its zone's timeline. */
interface Draft {
  row: ImportRow;
  isLift: boolean;
  level: ZoneLevel | null;
  zone: ZoneView | null;
  /** "其余地区": the scope it sweeps (a county, else a city, else the whole province). */
  sweep: { countyCode: string | null; cityCode: string | null } | null;
  /** A change made because of another row (its 其余地区, or its whole district): the row number. */
  because: number | null;
}

/**
 * The changes that rows make to other areas: "其余地区" changes every area of its scope that is under
 * control just before its time and not named in another row for that time; a whole district lowered
 * to a level that is not a control level, or lifted, takes the areas inside it along (the notices
 * stop listing them then). Each becomes a row of its own area, planned with that area's other rows.
 */
function expandSweeps(
  drafts: readonly Draft[],
  zones: readonly ZoneView[],
  counties: CountyIndex<Division>,
  levelById: ReadonlyMap<string, ZoneLevel>,
  keyOf: (districtCode: string, name: string) => string,
): Draft[] {
  interface Area {
    key: string;
    districtCode: string;
    districtName: string;
    cityCode: string | null;
    cityName: string | null;
    name: string;
    kind: ZoneKind;
    zone: ZoneView | null;
    rows: Draft[];
  }
  const areas = new Map<string, Area>();
  for (const z of zones) {
    const key = keyOf(z.districtCode, z.name);
    areas.set(key, { key, ...z, zone: z, rows: [] });
  }
  for (const d of drafts) {
    const { row } = d;
    if (d.sweep || !row.zoneKey || !row.districtCode || !row.name) continue;
    let area = areas.get(row.zoneKey);
    if (!area) {
      const city = counties.byCode.get(counties.byCode.get(row.districtCode)?.parentCode ?? '') ?? null;
      area = {
        key: row.zoneKey,
        districtCode: row.districtCode,
        districtName: row.districtName ?? '',
        cityCode: city?.code ?? null,
        cityName: city?.name ?? null,
        name: row.name,
        kind: row.kind ?? 'other',
        zone: null,
        rows: [],
      };
      areas.set(row.zoneKey, area);
    }
    area.rows.push(d);
  }
  /** Under control just before `at`: the recorded events, then the file's rows, before that instant. */
  const controlBefore = (area: Area, at: string): boolean => {
    let level: ZoneLevel | null = null;
    if (area.zone) {
      const state = foldZoneEvents(area.zone.events.filter((e) => e.effectiveAt < at));
      level = state.status === 'sealed' ? (levelById.get(state.levelId) ?? null) : null;
    }
    const earlier = area.rows.filter((d) => d.row.effectiveAt && d.row.effectiveAt < at && (d.isLift || d.level));
    for (const d of earlier.sort((a, b) => a.row.effectiveAt!.localeCompare(b.row.effectiveAt!))) level = d.isLift ? null : d.level;
    return level?.control === true;
  };
  const namedAt = (area: Area, at: string) => area.rows.some((d) => d.row.effectiveAt === at && d.because === null);

  const followers: Draft[] = [];
  const done = new Set<string>();
  const follow = (source: Draft, area: Area, at: string) => {
    if (done.has(`${area.key}@${at}`) || namedAt(area, at) || !controlBefore(area, at)) return;
    done.add(`${area.key}@${at}`);
    const { row } = source;
    source.row.alsoChanges.push({ districtName: area.districtName, name: area.name });
    followers.push({
      row: {
        ...row,
        districtCode: area.districtCode,
        districtName: area.districtName,
        cityName: area.cityName,
        name: area.name,
        kind: area.kind,
        zoneKey: area.key,
        zoneId: area.zone?.id ?? null,
        current: null,
        recorded: null,
        notes: [],
        action: null,
        plannedEndAt: null,
        endAt: null,
        endAction: null,
        possibleDuplicates: [],
        alsoChanges: [],
        note: `依据第 ${row.row} 行（${row.cityName ?? ''}${row.districtName ?? ''}${row.name}${row.levelName ?? '解除'}）随之调整`,
        errors: [],
      },
      isLift: source.isLift,
      level: source.level,
      zone: area.zone,
      sweep: null,
      because: row.row,
    });
  };
  for (const d of drafts) {
    const at = d.row.effectiveAt;
    if (!at || d.row.errors.length > 0) continue;
    if (d.sweep) {
      const { countyCode, cityCode } = d.sweep;
      // An area inside a whole district that the same notice keeps under control stays with it.
      const keptWhole = new Set(
        [...areas.values()]
          .filter((a) => a.kind === 'district' && a.rows.some((r) => r.row.effectiveAt === at && r.because === null && r.level?.control))
          .map((a) => a.districtCode),
      );
      for (const area of areas.values()) {
        if (area.kind !== 'district' && keptWhole.has(area.districtCode)) continue;
        if (countyCode ? area.districtCode === countyCode : cityCode ? area.cityCode === cityCode : true) follow(d, area, at);
      }
    } else if (d.row.kind === 'district' && (d.isLift || d.level?.control === false)) {
      const whole = areas.get(d.row.zoneKey!);
      if (!whole || !controlBefore(whole, at)) continue;
      for (const area of areas.values()) if (area.districtCode === d.row.districtCode && area !== whole) follow(d, area, at);
    }
  }
  return followers;
}

/** Reads the file and plans every row against the zones as recorded (read only). */
async function planImport(db: Executor, file: ImportFile, now: Date, decisions: DuplicateDecisions = {}): Promise<Plan> {
  const sheet = await readImportSheet(file);

  // The header is the first row naming the district and level columns (a title row may sit above it).
  const headerIndex = sheet.rows.slice(0, 10).findIndex((r) => {
    const keys = r.cells.map((c) => ALIAS_TO_KEY.get(normaliseHeader(textOf(c))));
    return keys.includes('district') && keys.includes('level');
  });
  if (headerIndex < 0) {
    throw new InputError(
      'content',
      `没有找到表头：第一行应包含 ${['city', 'district', 'area', 'level', 'effectiveAt', 'notice']
        .map((k) => `「${IMPORT_COLUMNS[k as ImportColumnKey]}」`)
        .join('')} 等列`,
    );
  }
  const header = sheet.rows[headerIndex]!;
  const columnIndex = new Map<ImportColumnKey, number>();
  const ignoredColumns: string[] = [];
  header.cells.forEach((cell, i) => {
    const text = normaliseHeader(textOf(cell));
    if (!text) return;
    const key = ALIAS_TO_KEY.get(text);
    if (!key) return void ignoredColumns.push(text);
    if (columnIndex.has(key)) {
      const first = normaliseHeader(textOf(header.cells[columnIndex.get(key)!]));
      throw new InputError('content', `表头中「${first}」和「${text}」是同一列（${IMPORT_COLUMNS[key]}），请只保留一列`);
    }
    columnIndex.set(key, i);
  });
  const missing = REQUIRED_IMPORT_COLUMNS.filter((k) => !columnIndex.has(k)).map((k) => `「${IMPORT_COLUMNS[k]}」`);
  if (!columnIndex.has('effectiveAt') && !columnIndex.has('listedOn')) {
    missing.push(`「${IMPORT_COLUMNS.effectiveAt}」（起始时间）或「${IMPORT_COLUMNS.listedOn}」`);
  }
  if (!columnIndex.has('town') && !columnIndex.has('village') && !columnIndex.has('area')) {
    missing.push(`「${IMPORT_COLUMNS.area}」或「${IMPORT_COLUMNS.town}」「${IMPORT_COLUMNS.village}」`);
  }
  if (missing.length > 0) throw new InputError('content', `缺少必需的列：${missing.join('、')}`);

  const dataRows = sheet.rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => textOf(c) !== ''));
  if (dataRows.length > IMPORT_MAX_ROWS) throw tooManyRows();
  if (dataRows.length === 0) throw new InputError('content', '文件中只有表头，没有数据行');

  const [counties, districts, scheme, levels, zones, window] = await Promise.all([
    loadCountyIndex(db),
    listDistricts(db),
    schemeInForce(db),
    listLevels(db),
    listZones(db, now.toISOString()),
    getDateWindow(db, now),
  ]);
  const shortNameOf = new Map(districts.map((d) => [d.code, d.shortName]));
  const levelById = new Map(levels.map((l) => [l.id, l]));
  const keyOf = (districtCode: string, name: string) => `${districtCode}:${squash(name)}`;
  const zoneByKey = new Map(zones.map((z) => [keyOf(z.districtCode, z.name), z]));
  const zoneById = new Map(zones.map((z) => [z.id, z]));

  const drafts: Draft[] = [];
  for (const source of dataRows) {
    const cell = (key: ImportColumnKey): Cell => {
      const i = columnIndex.get(key);
      return i === undefined ? '' : (source.cells[i] ?? '');
    };
    const text = (key: ImportColumnKey) => textOf(cell(key));
    const errors: ImportRowError[] = [];
    const fail = (key: ImportColumnKey | null, message: string) => errors.push({ column: key ? IMPORT_COLUMNS[key] : null, message });
    const tooLong = (key: ImportColumnKey, value: string, max: number) => {
      if (value.length > max) fail(key, `不超过 ${max} 个字符（现有 ${value.length} 个）`);
    };
    const time = (key: ImportColumnKey): string | null => {
      const raw = text(key);
      if (!raw) return null;
      const at = parseBeijingTime(cell(key));
      if (!at) fail(key, `无法识别的时间「${raw}」，请写成 2021-01-06 00:00 这样的北京时间`);
      else {
        const outside = outsideWindow(window, at);
        if (outside) fail(key, outside);
      }
      return at;
    };

    const raw = {
      city: text('city'),
      district: text('district'),
      area: text('area'),
      town: text('town'),
      village: text('village'),
      level: text('level'),
      effectiveAt: text('effectiveAt'),
    };
    const row: ImportRow = {
      row: source.row,
      districtCode: null,
      districtName: null,
      cityName: null,
      name: null,
      kind: null,
      action: null,
      levelId: null,
      levelName: null,
      effectiveAt: null,
      listedOn: null,
      plannedEndAt: null,
      endAt: null,
      endAction: null,
      step: { index: 1, of: 1 },
      possibleDuplicates: [],
      alsoChanges: [],
      zoneKey: null,
      notice: text('notice'),
      note: text('note') || null,
      address: text('address') || null,
      zoneId: null,
      current: null,
      recorded: null,
      notes: [],
      raw,
      errors,
    };

    // Where: the county-level unit (anywhere in the province), then the zone's name within it;
    // or, for "其余地区", the scope it sweeps.
    const isSweep = SWEEP_WORDS.includes(squash(raw.area || raw.village || raw.town));
    let sweepCity: Division | null = null;
    if (isSweep && !raw.district && raw.city) {
      sweepCity = counties.parents.get(squash(raw.city))?.[0] ?? counties.parents.get(divisionStem(squash(raw.city)))?.[0] ?? null;
      if (!sweepCity) fail('city', `未知的城市「${raw.city}」`);
    }
    let county: Division | null = null;
    if (!raw.district) {
      if (!isSweep) fail('district', '必填');
    } else {
      const match = matchCounty(counties, raw.district, raw.city || null);
      if (match.status === 'found') county = match.division;
      else if (match.status === 'ambiguous') {
        fail(
          'district',
          `「${raw.district}」有多个同名县（市、区）：${countyNames(match.candidates)}，请在「${IMPORT_COLUMNS.city}」列写明城市`,
        );
      } else {
        const near = match.suggestions.length > 0 ? `；是否是：${countyNames(match.suggestions)}？` : '';
        const cityKnown = !raw.city || counties.parents.has(squash(raw.city)) || counties.parents.has(divisionStem(squash(raw.city)));
        fail(cityKnown ? 'district' : 'city', `未知的县（市、区）「${raw.city}${raw.district}」（可填名称、简称或 6 位区划代码）${near}`);
      }
    }
    const city = county?.parentCode ? (counties.byCode.get(county.parentCode) ?? null) : null;
    if (county) {
      row.districtCode = county.code;
      row.districtName = county.name;
      row.cityName = city?.name ?? null;
    }
    const town = squash(raw.town);
    let village = squash(raw.village);
    if (raw.area && (town || village))
      fail('area', `「${IMPORT_COLUMNS.area}」与「${IMPORT_COLUMNS.town}」「${IMPORT_COLUMNS.village}」只填一种`);
    if (isSweep) {
      row.name = squash(raw.area || raw.village || raw.town);
      row.districtName = county?.name ?? null;
      row.cityName = county ? (city?.name ?? null) : (sweepCity?.name ?? (raw.city ? null : (counties.province?.name ?? null)));
    } else if (county) {
      const shortName = shortNameOf.get(county.code) ?? null;
      const whole = wholeDistrictName(shortName ?? county.name);
      const area = raw.area ? areaName(raw.area, county, city, shortName) : '';
      if (area === '全域' || area === whole || squash(raw.area) === whole) row.name = whole;
      else if (area) {
        village = area;
        row.name = area;
      } else row.name = !town && !village ? whole : village.startsWith(town) ? village : town + village;
    }
    if (row.name) tooLong(raw.area ? 'area' : village ? 'village' : 'town', row.name, 100);
    const kindText = text('kind');
    // A whole district leaves both name parts empty, which the inference reads as 'district'.
    row.kind = kindText ? kindOf(kindText) : inferZoneKind(town, village);
    if (kindText && !row.kind) fail('kind', `未知的类型「${kindText}」，可填：${ZONE_KINDS.map((k) => ZONE_KIND_LABELS[k]).join('、')}`);

    // When, on whose authority.
    row.effectiveAt = time('effectiveAt');
    const listedText = text('listedOn');
    if (listedText) {
      const listed = parseBeijingTime(cell('listedOn'));
      if (!listed) fail('listedOn', `无法识别的日期「${listedText}」，请写成 2021-01-28 这样的日期`);
      else {
        const outside = outsideWindow(window, listed);
        if (outside) fail('listedOn', outside);
        else if (!raw.effectiveAt) {
          row.listedOn = beijingDate(listed);
          row.effectiveAt = beijingDayStart(row.listedOn);
        }
      }
    } else if (!raw.effectiveAt)
      fail(columnIndex.has('effectiveAt') ? 'effectiveAt' : 'listedOn', `起始时间未填时，须填「${IMPORT_COLUMNS.listedOn}」`);
    row.plannedEndAt = time('plannedEndAt');
    row.endAt = time('endAt');
    // A designation known only from a list as of a date may end that same day (lowered later that day).
    if (row.endAt && row.effectiveAt && (row.endAt < row.effectiveAt || (row.endAt === row.effectiveAt && !row.listedOn))) {
      fail('endAt', '截止时间须晚于起始时间');
    }
    if (!row.notice) fail('notice', '必填');
    tooLong('notice', row.notice, 200);
    if (row.note) tooLong('note', row.note, 500);
    if (row.address) tooLong('address', row.address, 200);

    // Which zone: the same name in the county, or one a person said is the same place.
    row.zoneKey = !isSweep && row.districtCode && row.name ? keyOf(row.districtCode, row.name) : null;
    let zone = row.zoneKey ? (zoneByKey.get(row.zoneKey) ?? null) : null;
    if (!zone && row.zoneKey && row.districtCode && row.name) {
      const decided = decisions[row.zoneKey];
      if (decided && decided !== 'new') {
        zone = zoneById.get(decided) ?? null;
        if (!zone || zone.districtCode !== row.districtCode) fail('area', `所选的已有区域不在${row.districtName}`);
      } else if (!decided) {
        row.possibleDuplicates = similarZones(zones, row.districtCode, squash(row.name)).map((z) => ({ zoneId: z.id, name: z.name }));
      }
    }
    if (zone) {
      row.zoneId = zone.id;
      row.current = describeState(zone, levelById);
    }
    if (row.possibleDuplicates.length > 0) {
      const names = row.possibleDuplicates.map((d) => `「${d.name}」`).join('、');
      fail(raw.area ? 'area' : 'village', `可能与${row.districtName}已有区域${names}是同一地点：请确认是同一地点还是新区域`);
    }

    // What: the level (or a lift).
    const levelText = squash(raw.level);
    const isLift = LIFT_WORDS.includes(levelText);
    let level: ZoneLevel | null = null;
    if (!levelText) fail('level', '必填');
    else if (!isLift) {
      const wanted = levelText.replace(/地区$/, '');
      level = scheme.levels.find((l) => l.name === wanted || l.name === levelText || l.code === wanted || l.id === wanted) ?? null;
      // A zone keeps a level of an earlier scheme; naming that level again changes nothing.
      const state = zone ? foldZoneEvents(zone.events) : INITIAL_ZONE_STATE;
      if (!level && state.status === 'sealed' && levelById.get(state.levelId)?.name === wanted) level = levelById.get(state.levelId)!;
      if (!level) fail('level', `未知的等级「${raw.level}」：现行等级体系为「${scheme.name}」，可填 ${levelNames(scheme)}，或“解除”`);
      else {
        row.levelId = level.id;
        row.levelName = level.name;
      }
    }
    const sweep = isSweep ? { countyCode: county?.code ?? null, cityCode: county ? null : (sweepCity?.code ?? null) } : null;
    drafts.push({ row, isLift, level, zone, sweep, because: null });
  }

  // "其余地区" and a whole district lowered or lifted change other areas too: each becomes a change
  // of its own area, planned with that area's other rows.
  const followers = expandSweeps(drafts, zones, counties, levelById, keyOf);

  // Each zone's rows in date order (file order for the same time), planned one after another
  // against the zone's recorded events and the rows before them.
  const groups = new Map<string, Draft[]>();
  for (const d of [...drafts.filter((d) => !d.sweep), ...followers]) {
    const key = d.row.zoneKey ?? `row:${d.row.row}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const touched: string[] = [];
  for (const [key, group] of groups) {
    // At the same time, a designation known only from a list comes before a change stated for that time.
    const listedFirst = (d: Draft) => (d.row.listedOn ? 0 : 1);
    group.sort(
      (a, b) =>
        (a.row.effectiveAt ?? '').localeCompare(b.row.effectiveAt ?? '') || listedFirst(a) - listedFirst(b) || a.row.row - b.row.row,
    );
    const zone = group[0]!.zone;
    touched.push(`${key}\u0000${zone ? `${zone.id}@${zone.version}` : 'new'}`);
    const events: ZoneEventLike[] = zone ? [...zone.events] : [];
    let state = zone ? foldZoneEvents(zone.events) : INITIAL_ZONE_STATE;
    // Until the file adds a change of its own to the zone, each row is first held against the
    // zone's recorded history.
    let appending = !zone;
    group.forEach((d, i) => {
      const { row } = d;
      row.step = { index: i + 1, of: group.length };
      const fail = (key: ImportColumnKey | null, message: string) => row.errors.push({ column: key ? IMPORT_COLUMNS[key] : null, message });
      const previous = group[i - 1]?.row;
      if (previous && previous.effectiveAt === row.effectiveAt && row.effectiveAt && !previous.listedOn) {
        if (previous.levelId !== row.levelId) {
          fail(
            'level',
            `与第 ${previous.row} 行是同一区域（${row.name}）、同一时间，但等级不同（${previous.levelName ?? '解除'}／${row.levelName ?? '解除'}）`,
          );
        }
      }
      if (row.errors.length > 0 || !row.effectiveAt) return;
      if (group.slice(0, i).some((g) => g.row.errors.length > 0)) {
        fail(null, `同一区域较早的一行有问题，此行未检查（${row.name}）`);
        return;
      }

      let action: ImportAction | null = null;
      /** The end of the row's level is recorded already (the change after it). */
      let endRecorded = false;
      if (!appending) {
        const found = againstRecorded(zone!.events, row, d.isLift);
        const conflict = found.status === 'refused' ? found : found.status === 'recorded' && !d.isLift ? endConflict(row, found) : null;
        if (conflict) {
          fail(conflict.column, conflict.message);
          return;
        }
        if (found.status === 'recorded') {
          action = 'recorded';
          row.recorded = recordedChange(found.event);
          if (found.sameTime && squash(found.event.notice) !== squash(row.notice)) {
            row.notes.push(`依据与已记录的不同：保留已记录的「${found.event.notice}」`);
          }
          endRecorded = found.next !== null;
        } else appending = true;
      }
      if (action === null) {
        if (d.isLift) {
          // The same lift again (a later row of the file at the time of a lift it makes) changes nothing.
          action = state.status === 'lifted' && minuteOf(state.liftedAt) === minuteOf(row.effectiveAt) ? 'unchanged' : 'lift';
          if (state.status === 'none' && !zone && i === 0) {
            fail('level', '该区域尚无管控记录，无法解除（请核对区县和名称）');
            return;
          }
        } else if (state.status === 'sealed') action = state.levelId === row.levelId ? 'unchanged' : 'relevel';
        else action = 'seal';
        if (writesChange(action)) {
          const event: ZoneEventLike = {
            action,
            levelId: d.isLift ? null : row.levelId,
            effectiveAt: row.effectiveAt,
            plannedEndAt: d.isLift ? null : row.plannedEndAt,
          };
          try {
            state = checkNextZoneEvent(events, event);
            events.push(event);
          } catch (e) {
            if (!(e instanceof ZoneTransitionError)) throw e;
            const column = COLUMN_OF_FIELD[e.field] ?? null;
            const last = events.at(-1);
            const detail = e.field === 'effectiveAt' && last ? `（该区域上一次变更生效于 ${formatDateTime(last.effectiveAt)}）` : '';
            fail(column, `${e.message}${detail}`);
            return;
          }
        }
      }
      row.action = action;

      // 截止时间: the next row of the zone starts then, or the zone is lifted then (unless recorded already).
      if (row.endAt && !d.isLift) {
        const next = group[i + 1]?.row;
        if (next?.effectiveAt && next.effectiveAt < row.endAt) {
          fail('endAt', `截止时间晚于同一区域第 ${next.row} 行的起始时间（${formatDateTime(next.effectiveAt)}）`);
          row.action = null;
        } else if (!endRecorded && (!next?.effectiveAt || next.effectiveAt > row.endAt)) {
          const lift: ZoneEventLike = { action: 'lift', levelId: null, effectiveAt: row.endAt, plannedEndAt: null };
          state = checkNextZoneEvent(events, lift);
          events.push(lift);
          row.endAction = 'lift';
          appending = true;
        }
      }
    });
  }

  // A change made because of another row that cannot be made fails that row.
  for (const f of followers) {
    if (f.row.errors.length === 0) continue;
    const source = drafts.find((d) => d.row.row === f.because)!;
    for (const e of f.row.errors) source.row.errors.push({ column: e.column, message: `${f.row.districtName}${f.row.name}：${e.message}` });
  }
  // "其余地区": a change when it changes an area; recorded when the areas it names have it recorded already.
  for (const d of drafts) {
    if (!d.sweep || d.row.errors.length > 0) continue;
    const changed = followers.filter((f) => f.because === d.row.row).map((f) => f.row.action);
    if (changed.some(writesChange)) d.row.action = d.isLift ? 'lift' : 'relevel';
    else d.row.action = changed.includes('recorded') ? 'recorded' : 'unchanged';
  }

  const summary = emptySummary();
  summary.zones = [...groups.values()].filter((g) => g.some((d) => d.because === null)).length;
  for (const f of followers) if (f.row.errors.length === 0 && writesChange(f.row.action)) summary[f.row.action] += 1;
  for (const d of drafts) {
    summary.rows += 1;
    if (d.row.errors.length > 0) {
      d.row.action = null;
      d.row.endAction = null;
      summary.error += 1;
    } else if (!d.sweep || !writesChange(d.row.action)) {
      // A sweep's changes are counted with the areas it changes.
      summary[d.row.action!] += 1;
      if (d.row.endAction) summary.lift += 1;
    }
  }
  if (summary.error > 0) for (const f of followers) f.row.action = null;

  const planned = [...groups.values()].flat().map((d) => ({ row: d.row, zone: d.zone }));
  const fileSha = sha256(file.bytes);
  const fingerprint = sha256(JSON.stringify({ file: fileSha, scheme: scheme.id, zones: touched.sort(), decisions }));
  return {
    planned,
    preview: {
      filename: file.filename,
      format: sheet.format,
      sha256: fileSha,
      fingerprint,
      scheme: { id: scheme.id, name: scheme.name },
      ignoredColumns,
      // In the file's order; `planned` is in the order the changes are applied.
      rows: drafts.map((d) => d.row),
      summary,
    },
  };
}

/** What importing the file would do, row by row, as of `now`; writes nothing. */
export async function previewImport(db: Executor, file: ImportFile, now: Date, decisions: DuplicateDecisions = {}): Promise<ImportPreview> {
  return (await planImport(db, file, now, decisions)).preview;
}

/** One planned row through the zone write functions (its change, then the lift at 截止时间 if any); `zone` is the zone as it stands before it. */
async function applyRow(write: WriteContext, row: ImportRow, zone: ZoneView | null): Promise<ZoneView> {
  const measure = { effectiveAt: row.effectiveAt!, listedOn: row.listedOn, notice: row.notice, note: row.note };
  let view: ZoneView;
  // A row that changes nothing itself may still end its level at 截止时间: only the lift below is written.
  if (!writesChange(row.action)) view = zone!;
  else if (!zone) {
    view = await createZone(write, {
      districtCode: row.districtCode!,
      name: row.name!,
      address: row.address,
      kind: row.kind!,
      levelId: row.levelId!,
      plannedEndAt: row.plannedEndAt,
      ...measure,
    });
  } else {
    const change = { zoneId: zone.id, expectedVersion: zone.version, ...measure };
    const level = { levelId: row.levelId!, plannedEndAt: row.plannedEndAt };
    if (row.action === 'lift') view = await liftZone(write, change);
    else if (row.action === 'relevel') view = await relevelZone(write, { ...change, ...level });
    else view = await sealZone(write, { ...change, ...level });
  }
  if (row.endAction === 'lift') {
    view = await liftZone(write, {
      zoneId: view.id,
      expectedVersion: view.version,
      effectiveAt: row.endAt!,
      notice: row.notice,
      note: row.note,
    });
  }
  return view;
}

/**
 * Applies the file as previewed: recomputes the plan inside one transaction, refuses when the zones
 * it touches changed since the preview (fingerprint) or when any row is bad, and otherwise makes
 * every change through the zone write functions, each zone's rows in date order, so each is
 * validated and audited on its own. A file with nothing new (every row recorded already, or
 * unchanged) writes nothing, not even the import's audit entry: `applied` is empty.
 */
export async function applyImport(
  ctx: WriteContext,
  file: ImportFile,
  fingerprint: string,
  decisions: DuplicateDecisions = {},
): Promise<ImportResult> {
  return inTransaction(ctx.db, async (tx) => {
    const { preview, planned } = await planImport(tx, file, ctx.now, decisions);
    if (preview.fingerprint !== fingerprint) {
      throw new ConflictError('自预览以来，文件涉及的区域或现行等级体系已有变更：请重新预览，核对后再导入', 'fingerprint');
    }
    if (preview.summary.error > 0) {
      throw new InputError('content', `文件中有 ${preview.summary.error} 行有问题，未导入任何内容：请修正后重新上传`);
    }
    const changes = preview.summary.seal + preview.summary.relevel + preview.summary.lift;
    if (changes === 0) return { filename: file.filename, sha256: preview.sha256, summary: preview.summary, applied: [] };

    const write: WriteContext = { ...ctx, db: tx };
    const applied: ImportResult['applied'] = [];
    // The zone as it stands after the rows applied so far, by zone key.
    const current = new Map<string, ZoneView>();
    for (const { row, zone } of planned) {
      if (!writesChange(row.action) && !row.endAction) continue;
      const before = current.get(row.zoneKey!) ?? zone;
      let view: ZoneView;
      try {
        view = await applyRow(write, row, before);
      } catch (e) {
        // Checked while planning, so not expected: name the row all the same.
        if (e instanceof InputError) throw new InputError('content', `第 ${row.row} 行：${e.message}`);
        throw e;
      }
      current.set(row.zoneKey!, view);
      if (writesChange(row.action)) {
        applied.push({
          row: row.row,
          action: row.action,
          zoneId: view.id,
          districtName: view.districtName,
          name: view.name,
          levelName: row.action === 'lift' ? null : row.levelName,
        });
      }
      if (row.endAction) {
        applied.push({ row: row.row, action: 'lift', zoneId: view.id, districtName: view.districtName, name: view.name, levelName: null });
      }
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'zone.import',
      entityType: 'zone_import',
      entityId: preview.sha256,
      after: {
        filename: file.filename,
        format: preview.format,
        sha256: preview.sha256,
        scheme: preview.scheme.id,
        counts: preview.summary,
        decisions,
      },
      reason: `批量导入 ${file.filename}`,
    });
    return { filename: file.filename, sha256: preview.sha256, summary: preview.summary, applied };
  });
}
