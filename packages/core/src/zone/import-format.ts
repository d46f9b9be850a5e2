// The spreadsheet an office sends: its columns, limits and the words it uses. Browser-safe, so the
// console can describe the format with the same names the importer reads.
import { formatDate, formatDateTime } from '../shared/time.ts';
import type { ZoneAction } from './state-machine.ts';
import type { ZoneKind } from './schema.ts';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
/** The most an XLSX may unpack to (its declared size, checked before it is opened). */
export const IMPORT_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** The columns of the current-list export (it imports back unchanged), in this order. */
export const TEMPLATE_COLUMN_KEYS = [
  'district',
  'town',
  'village',
  'level',
  'effectiveAt',
  'notice',
  'note',
  'address',
  'kind',
  'plannedEndAt',
] as const;

/** Every column the import reads: the current list's, and those of a timeline of notices. */
export const IMPORT_COLUMN_KEYS = [...TEMPLATE_COLUMN_KEYS, 'city', 'area', 'listedOn', 'endAt'] as const;

/** The template offices fill in: a timeline of notices, one row per designation or change, in this order. */
export const TIMELINE_TEMPLATE_KEYS: readonly (typeof IMPORT_COLUMN_KEYS)[number][] = [
  'city',
  'district',
  'area',
  'level',
  'effectiveAt',
  'endAt',
  'listedOn',
  'notice',
  'note',
  'address',
  'kind',
  'plannedEndAt',
];
export type ImportColumnKey = (typeof IMPORT_COLUMN_KEYS)[number];

/** The header of each column, as the template and the exports write it. */
export const IMPORT_COLUMNS: Record<ImportColumnKey, string> = {
  district: '区县',
  town: '乡镇/街道',
  village: '村/社区/小区',
  level: '风险等级',
  effectiveAt: '生效时间',
  notice: '依据',
  note: '备注',
  address: '地址',
  kind: '类型',
  plannedEndAt: '计划解除时间',
  city: '城市',
  area: '区域',
  listedOn: '名单日期',
  endAt: '截止时间',
};

/** Columns a file must have; it also needs 生效时间 (起始时间) or 名单日期, and may name the place in 区域 or in 乡镇/街道 and 村/社区/小区. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumnKey[] = ['district', 'level', 'notice'];

/** What each column holds, for the console's description of the format. */
export const IMPORT_COLUMN_HELP: Record<ImportColumnKey, string> = {
  district: '必填。县（市、区）名称、简称或 6 位区划代码，如 藁城区、藁城、130109、南宫市；全省各县（市、区）均可',
  town: '乡镇或街道，如 增村镇；与下一列都不填表示整个区县（名称为“区县名＋全域”）',
  village: '村、社区、小区或楼栋，如 小果庄村；只填乡镇表示整个乡镇',
  level: '必填。现行等级体系中的等级名称，如 高风险、中风险、低风险（调整为低风险即不再管控）；填“解除”或“解除管控”表示解除',
  effectiveAt: '起始时间。北京时间，如 2021-01-06 00:00、2021/1/6 0:00、2021年1月6日0时；只写日期表示当日 0 时；可不填，但须填名单日期',
  notice: '必填。依据的公告或通知名称及文号',
  note: '可不填',
  address: '可不填；只用于新划定的区域',
  kind: '可不填：全域、乡镇/街道、村、社区/小区、楼栋、其他；不填时按名称推断；只用于新划定的区域',
  plannedEndAt: '可不填。计划解除时间，格式同生效时间，须晚于生效时间',
  city: '可不填。城市，如 邢台市；同名县（市、区）时用来区分',
  area: '可不填。区域名称，如 增村镇小果庄村、天悦花苑；写“全域”或不填表示整个县（市、区）；可代替乡镇/街道和村/社区/小区两列',
  listedOn: '起始时间未公布时必填：列出该区域的通报日期，如 2021-01-28；公众网站显示“据1月28日通报”',
  endAt: '可不填。该等级截止的时间：同一区域下一行从此时起，或在此时解除',
};

/** Other headers offices use for the same columns. Compared after removing spaces. */
export const IMPORT_COLUMN_ALIASES: Record<ImportColumnKey, readonly string[]> = {
  district: ['区县', '县（市、区）', '县(市、区)', '县市区', '区/县', '县区', '区县名称'],
  town: ['乡镇/街道', '乡镇（街道）', '乡镇(街道)', '乡镇街道', '乡镇', '街道'],
  village: ['村/社区/小区', '村（社区）', '村(社区)', '村/社区', '村社区', '社区/小区', '村', '社区', '小区'],
  level: ['风险等级', '等级', '管控等级'],
  effectiveAt: ['生效时间', '生效日期', '起始时间', '开始时间', '起始日期'],
  notice: ['依据', '依据文件', '依据通知', '发布依据'],
  note: ['备注', '说明'],
  address: ['地址', '详细地址'],
  kind: ['类型', '区域类型'],
  plannedEndAt: ['计划解除时间', '计划解除日期', '预计解除时间'],
  city: ['城市', '市', '设区市', '地市'],
  area: ['区域', '区域名称', '地区', '风险地区'],
  listedOn: ['名单日期', '通报日期', '公布日期'],
  endAt: ['截止时间', '截止日期', '结束时间'],
};

/** Values of the level column that mean "lift the measure". */
export const LIFT_WORDS: readonly string[] = ['解除', '解除管控', '解封', '已解除'];

/**
 * Values of the area column that mean "every other area" of the county (区县 filled), of the city
 * (only 城市 filled) or of the province (neither): a notice's "其余地区调整为低风险". Every area in
 * that scope under control at that time and not named in another row for that same time changes.
 */
export const SWEEP_WORDS: readonly string[] = [
  '其余地区',
  '其他地区',
  '其余区域',
  '其他区域',
  '其余所有地区',
  '全省其他地区',
  '全市其他地区',
];

/**
 * What a row does: a change of its zone; 'unchanged' when it restates the level an earlier row of the
 * file gives the zone; 'recorded' when the zone's recorded history already holds it (the same file
 * imported again, a notice entered before). Neither of the last two is written.
 */
export type ImportAction = ZoneAction | 'unchanged' | 'recorded';

export const IMPORT_ACTION_LABELS: Record<ImportAction, string> = {
  seal: '新划定',
  relevel: '调整等级',
  lift: '解除',
  unchanged: '无变化',
  recorded: '已记录',
};

/** True for the actions that write a change. */
export const writesChange = (action: ImportAction | null): action is ZoneAction =>
  action === 'seal' || action === 'relevel' || action === 'lift';

/** A recorded change of a zone, as a row of the preview names it. */
export interface RecordedChange {
  effectiveAt: string;
  /** 'YYYY-MM-DD' when the change is known only from a list as of that date. */
  listedOn: string | null;
  /** Null for a lift. */
  levelName: string | null;
  notice: string;
}

/** A change in words: '2021年1月5日 00:00 起高风险', '据2021年1月28日名单为中风险', '2021年2月8日 00:00 解除'. */
export function describeChange(change: Omit<RecordedChange, 'notice'>): string {
  if (change.listedOn) return `据${formatDate(change.listedOn)}名单${change.levelName === null ? '解除' : `为${change.levelName}`}`;
  return `${formatDateTime(change.effectiveAt)} ${change.levelName === null ? '解除' : `起${change.levelName}`}`;
}

export interface ImportRowError {
  /** The header of the column the problem is in, or null for the row as a whole. */
  column: string | null;
  message: string;
}

export interface ImportRow {
  /** The row number as the spreadsheet shows it (the header is row 1 in a plain file). */
  row: number;
  districtCode: string | null;
  districtName: string | null;
  /** The city of the county-level unit ('邢台市'). */
  cityName: string | null;
  /** The zone's name: town and village/compound together, or '<district>全域'. */
  name: string | null;
  kind: ZoneKind | null;
  action: ImportAction | null;
  levelId: string | null;
  levelName: string | null;
  effectiveAt: string | null;
  /** 'YYYY-MM-DD': no start stated, listed as of this date (effectiveAt is 00:00 of it). */
  listedOn: string | null;
  plannedEndAt: string | null;
  /** The stated end of this level; when no later row of the zone starts then, the zone is lifted at it. */
  endAt: string | null;
  /** 'lift' when the row's 截止时间 lifts the zone. */
  endAction: 'lift' | null;
  /** This row's place in the zone's timeline within the file: 1 of 3, … (rows are applied in date order). */
  step: { index: number; of: number };
  /** Existing zones of the same county whose names suggest the same place; the row waits for a person to decide. */
  possibleDuplicates: Array<{ zoneId: string; name: string }>;
  /**
   * The areas this row changes besides its own zone: for "其余地区", every other area under control in
   * its scope; for a whole district lowered or lifted, the areas inside it, which change with it.
   */
  alsoChanges: Array<{ districtName: string; name: string }>;
  /** The key a decision on possible duplicates is given under: `${districtCode}:${name}`. */
  zoneKey: string | null;
  notice: string;
  note: string | null;
  address: string | null;
  /** The zone the row changes, when it exists already. */
  zoneId: string | null;
  /** What the zone is now, in words ('高风险', '已解除'), when it exists already. */
  current: string | null;
  /**
   * For a row the zone's history already holds ('recorded'): the recorded change it describes, or,
   * for a row restating a level, the change that set that level.
   */
  recorded: RecordedChange | null;
  /** What a person should know about a row that is not a problem ('依据与已记录的不同，保留已记录的…'). */
  notes: string[];
  /** The raw text of the district and name cells, shown when they could not be read. */
  raw: { city: string; district: string; area: string; town: string; village: string; level: string; effectiveAt: string };
  errors: ImportRowError[];
}

export interface ImportSummary {
  rows: number;
  /** Zones the file names (a zone with several rows counts once). */
  zones: number;
  seal: number;
  relevel: number;
  lift: number;
  unchanged: number;
  /** Rows the zones' recorded history already holds: not written again. */
  recorded: number;
  error: number;
}

export interface ImportPreview {
  filename: string;
  format: 'csv' | 'xlsx';
  /** sha-256 of the file, hex. */
  sha256: string;
  /** The state the plan was computed against; the apply step refuses when it has changed. */
  fingerprint: string;
  scheme: { id: string; name: string };
  /** Headers found in the file that the importer does not read (ids, UTC times of an export). */
  ignoredColumns: string[];
  rows: ImportRow[];
  summary: ImportSummary;
}

export interface ImportResult {
  filename: string;
  sha256: string;
  summary: ImportSummary;
  applied: Array<{ row: number; action: ZoneAction; zoneId: string; districtName: string; name: string; levelName: string | null }>;
}

/**
 * What a person decided about rows whose place may be an existing zone: by zone key
 * (`${districtCode}:${name}`), the id of the existing zone they mean, or 'new' for a new zone.
 */
export type DuplicateDecisions = Record<string, string>;

/** The whole-district zone's name, as the demo data names it ('藁城区全域'). */
export const wholeDistrictName = (districtShortName: string): string => `${districtShortName}全域`;

/** The kind a zone's name suggests, when the file does not say. */
export function inferZoneKind(town: string, village: string): ZoneKind {
  if (!town && !village) return 'district';
  if (!village) return 'town';
  if (/(号楼|栋|单元)$/.test(village)) return 'building';
  if (/(社区|小区|院|苑|园|府|庭|居|公寓|大厦|广场|家园|花园|城|里)$/.test(village)) return 'community';
  if (/村$/.test(village)) return 'village';
  return 'other';
}
