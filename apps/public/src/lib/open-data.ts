// The open-data files: how a dataset is defined (its columns: name, type, meaning, and how each
// value is read from the public API's records), how its CSV and JSON are written, and the zone
// datasets. The figures datasets are in open-data-figures.ts; all of them are listed, and
// described as a Frictionless data package, in datapackage.ts. The CSV and JSON endpoints, the
// data package and the documentation page (/data/) all use these definitions, so the files and
// their documentation cannot drift apart.
//
// Version 1, for every file. Within a version, columns are only ever added at the end; renaming
// or dropping a column, or changing its meaning, makes a new version published under a new path,
// documented on /data/, while the old files stay.
import {
  beijingDateTime,
  controlStatus,
  ZONE_ACTION_LABELS,
  ZONE_KIND_LABELS,
  type LevelScheme,
  type ZoneEvent,
  type ZoneView,
} from '@epi/core';
import { t } from '../i18n/index.ts';
import { type CsvValue, toCsv } from './csv.ts';
import { coveringMeasure, districtWideMeasures } from './district-wide.ts';
import { currentEvent, zonesInForce } from './zones.ts';

export const OPEN_DATA_VERSION = 1;

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'instant' | 'beijing';
export type JsonValue = string | number | boolean | null;

export interface Column<R> {
  name: string;
  type: ColumnType;
  meaning: string;
  value: (row: R) => JsonValue;
}

export interface ForeignKey {
  /** Columns of this dataset… */
  fields: string[];
  /** …referring to these columns of that dataset. */
  resource: string;
  referenceFields: string[];
}

export type DatasetGroup = 'zones' | 'figures' | 'reference';

export interface Dataset<R, I = OpenDataInput> {
  /** File name without extension: /data/<id>.csv and /data/<id>.json. */
  id: string;
  group: DatasetGroup;
  title: string;
  description: string;
  columns: Column<R>[];
  /** Columns whose values together identify a row. */
  primaryKey: string[];
  foreignKeys?: ForeignKey[];
  rows: (input: I) => R[];
  /** When the data in the file last changed (publication or correction), UTC ISO; null when unknown or empty. */
  updated: (input: I) => string | null;
}

export interface OpenDataInput {
  zones: ZoneView[];
  levelSchemes: LevelScheme[];
  /** The release moment, UTC ISO. */
  now: string;
}

interface LevelInfo {
  schemeId: string;
  code: string;
  name: string;
  severity: number;
}

function levelIndex(schemes: LevelScheme[]): Map<string, LevelInfo> {
  return new Map(
    schemes.flatMap((s) => s.levels.map((l) => [l.id, { schemeId: s.id, code: l.code, name: l.name, severity: l.severity }] as const)),
  );
}

/** UTC ISO instant as stored ('2021-01-05T16:00:00.000Z'); null stays null. */
export const utc = (instant: string | null | undefined): string | null => (instant ? new Date(instant).toISOString() : null);

/** Beijing wall time 'YYYY-MM-DD HH:mm:ss'; null stays null. */
export const beijing = (instant: string | null | undefined): string | null =>
  instant ? beijingDateTime(instant, { seconds: true }) : null;

/** Two columns for one instant: UTC and Beijing wall time. */
export function instantColumns<R>(name: string, meaning: string, value: (r: R) => string | null | undefined): Column<R>[] {
  return [
    { name: `${name}_utc`, type: 'instant', meaning, value: (r) => utc(value(r)) },
    { name: `${name}_beijing`, type: 'beijing', meaning: '同上，北京时间', value: (r) => beijing(value(r)) },
  ];
}

/** The column types a field of this type can be written as (`never` when it is not a plain value). */
type ColumnTypeOf<V> = [NonNullable<V>] extends [number]
  ? 'integer' | 'number'
  : [NonNullable<V>] extends [boolean]
    ? 'boolean'
    : [NonNullable<V>] extends [string]
      ? 'string' | 'date'
      : never;

/** Fields of a record written as they are: for each, its column type and meaning. */
export type FieldColumnSpecs<S> = { [K in keyof S & string]?: readonly [type: ColumnTypeOf<S[K]>, meaning: string] };

/** 'closeContacts' → 'close_contacts', 'roomAreaM2' → 'room_area_m2'. */
export const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Columns that are fields of the record, or of the part of it that `of` picks (empty when there is
 * none), in the order given, each named after its field in snake_case after `prefix`: a column's
 * name and value cannot drift apart.
 */
export function fieldColumns<S, R = S>(
  fields: FieldColumnSpecs<S>,
  of: (r: R) => S | null | undefined = (r) => r as unknown as S,
  prefix = '',
): Column<R>[] {
  return Object.entries(fields).map(([field, spec]) => {
    const [type, meaning] = spec as readonly [ColumnType, string];
    return { name: prefix + snakeCase(field), type, meaning, value: (r) => (of(r)?.[field as keyof S] as JsonValue | undefined) ?? null };
  });
}

const STATUS_CODE = { control: 'in_force', released: 'released', lifted: 'lifted', none: 'announced' } as const;
const statusName = (r: { zone: ZoneView; level: LevelInfo | null }): string =>
  ({
    control: t.zones.statusSealed,
    released: t.zones.statusReleased(r.level?.name ?? ''),
    lifted: t.zones.statusLifted,
    none: t.zones.statusNone,
  })[controlStatus(r.zone)];

// ---- zones-current -------------------------------------------------------------------------

export interface ZoneRow {
  zone: ZoneView;
  level: LevelInfo | null;
  within: ZoneView | null;
  current: ZoneEvent | null;
  next: ZoneEvent | null;
  nextLevel: LevelInfo | null;
  now: string;
}

const T = {
  string: '文本',
  integer: '整数',
  number: '数值（小数点为“.”）',
  boolean: '布尔值（true / false）',
  date: '日期（YYYY-MM-DD）',
  instant: 'UTC时间（ISO 8601）',
  beijing: '北京时间（YYYY-MM-DD HH:mm:ss）',
} satisfies Record<ColumnType, string>;

export const COLUMN_TYPE_LABELS = T;

/** Plain code-unit order: ISO instants and ids sort correctly, and much faster than localeCompare. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The zone's district (code and name) and its own name, in both zone files. */
function zoneNameColumns<R extends { zone: ZoneView }>(districtCodeMeaning: string): Column<R>[] {
  return [
    { name: 'district_code', type: 'string', meaning: districtCodeMeaning, value: (r) => r.zone.districtCode },
    { name: 'district_name', type: 'string', meaning: '所属县（市、区）名称', value: (r) => r.zone.districtName },
    { name: 'zone_name', type: 'string', meaning: '区域名称', value: (r) => r.zone.name },
  ];
}

const sealed = (z: ZoneView) => (z.state.status === 'sealed' ? z.state : null);

/** When the zone files last changed: the latest recorded change, or the latest to take effect by `now`. */
function zonesUpdated({ zones, now }: OpenDataInput): string | null {
  let best: string | null = null;
  // An announced change alters the files when it is recorded, and again when it takes effect.
  for (const z of zones) {
    for (const e of z.events) {
      const at = e.effectiveAt <= now && e.effectiveAt > e.recordedAt ? e.effectiveAt : e.recordedAt;
      if (!best || at > best) best = at;
    }
  }
  return utc(best);
}

export const zonesCurrent: Dataset<ZoneRow> = {
  id: 'zones-current',
  group: 'zones',
  primaryKey: ['zone_id'],
  updated: zonesUpdated,
  title: '管控区域现状',
  description: '每个管控区域（含已解除、已公布尚未生效的）在本次发布时的状态，每个区域一行。',
  columns: [
    { name: 'zone_id', type: 'string', meaning: '区域的稳定标识，不会改变；区域页面地址为 /zones/<zone_id>/', value: (r) => r.zone.id },
    ...zoneNameColumns<ZoneRow>('所属县（市、区）的6位区划代码（高新区、循环化工园区为统计用代码）'),
    { name: 'address', type: 'string', meaning: '地址（可为空）', value: (r) => r.zone.address },
    {
      name: 'kind',
      type: 'string',
      meaning: '区域类型代码：district（全域）、town（乡镇/街道）、village（村）、community（社区/小区）、building（楼栋）、other（其他）',
      value: (r) => r.zone.kind,
    },
    { name: 'kind_name', type: 'string', meaning: '区域类型名称', value: (r) => ZONE_KIND_LABELS[r.zone.kind] },
    {
      name: 'status',
      type: 'string',
      meaning:
        '状态代码：in_force（管控中）、released（已调整为低风险等不属于管控的等级）、lifted（已解除管控）、announced（已公布、尚未生效）',
      value: (r) => STATUS_CODE[controlStatus(r.zone)],
    },
    { name: 'status_name', type: 'string', meaning: '状态名称', value: statusName },
    ...fieldColumns<LevelInfo, ZoneRow>(
      {
        schemeId: ['string', '等级体系标识，如 risk-2021（高、中、低风险）、control-2022（封控区、管控区、防范区）；不在管控中时为空'],
        code: ['string', '当前等级代码，如 high、medium、low、sealed、controlled、precaution；不在管控中时为空'],
        name: ['string', '当前等级名称，如 高风险、封控区'],
        severity: ['integer', '等级严重程度，数字越大越严格（3最严格）'],
      },
      (r) => r.level,
      'level_',
    ),
    ...instantColumns<ZoneRow>('sealed_since', '本次管控起始时间', (r) =>
      r.zone.state.status === 'none' ? null : r.zone.state.sealedSince,
    ),
    ...instantColumns<ZoneRow>('level_since', '当前等级起始时间', (r) => sealed(r.zone)?.levelSince),
    ...instantColumns<ZoneRow>('planned_end', '计划解除时间（未公布时为空）', (r) => sealed(r.zone)?.plannedEndAt),
    ...instantColumns<ZoneRow>('lifted_at', '解除管控时间（仅已解除的区域）', (r) =>
      r.zone.state.status === 'lifted' ? r.zone.state.liftedAt : null,
    ),
    {
      name: 'within_zone_id',
      type: 'string',
      meaning: '该区域位于正在实施的全域管控范围内时，该全域管控区域的 zone_id；否则为空',
      value: (r) => r.within?.id ?? null,
    },
    {
      name: 'last_event_id',
      type: 'string',
      meaning: '使区域处于当前状态的变更（zone-events 中的 event_id）',
      value: (r) => r.current?.id ?? null,
    },
    { name: 'notice', type: 'string', meaning: '当前状态的依据文件', value: (r) => r.current?.notice ?? null },
    {
      name: 'next_event_id',
      type: 'string',
      meaning: '已公布、尚未生效的下一项变更的 event_id（无则为空）',
      value: (r) => r.next?.id ?? null,
    },
    { name: 'next_action', type: 'string', meaning: '下一项变更的类型代码：seal、relevel、lift', value: (r) => r.next?.action ?? null },
    { name: 'next_level_code', type: 'string', meaning: '下一项变更后的等级代码（解除时为空）', value: (r) => r.nextLevel?.code ?? null },
    ...instantColumns<ZoneRow>('next_effective', '下一项变更的生效时间', (r) => r.next?.effectiveAt),
    ...instantColumns<ZoneRow>('as_of', '本文件所描述的时刻（本次发布时间）', (r) => r.now),
  ],
  rows({ zones, levelSchemes, now }) {
    const levels = levelIndex(levelSchemes);
    const measures = districtWideMeasures(zonesInForce(zones));
    return zones.map((zone) => {
      const next = zone.upcoming[0] ?? null;
      return {
        zone,
        level: zone.state.status === 'sealed' ? (levels.get(zone.state.levelId) ?? null) : null,
        within: zone.state.status === 'sealed' ? coveringMeasure(zone, measures) : null,
        current: currentEvent(zone),
        next,
        nextLevel: next?.levelId ? (levels.get(next.levelId) ?? null) : null,
        now,
      };
    });
  },
};

// ---- zone-events ---------------------------------------------------------------------------

export interface EventRow {
  zone: ZoneView;
  event: ZoneEvent;
  level: LevelInfo | null;
  now: string;
}

export const zoneEvents: Dataset<EventRow> = {
  id: 'zone-events',
  group: 'zones',
  primaryKey: ['event_id'],
  foreignKeys: [{ fields: ['zone_id'], resource: 'zones-current', referenceFields: ['zone_id'] }],
  updated: zonesUpdated,
  title: '管控区域变更记录',
  description: '每一次划定管控、调整等级、解除管控，每项变更一行，按生效时间先后排列；含已公布、尚未生效的变更。',
  columns: [
    { name: 'event_id', type: 'string', meaning: '变更的稳定标识，不会改变', value: (r) => r.event.id },
    { name: 'zone_id', type: 'string', meaning: '所属区域的 zone_id', value: (r) => r.zone.id },
    { name: 'seq', type: 'integer', meaning: '该区域内的变更序号（从1开始）', value: (r) => r.event.seq },
    ...zoneNameColumns<EventRow>('所属县（市、区）的区划代码'),
    {
      name: 'action',
      type: 'string',
      meaning: '变更类型代码：seal（划定管控）、relevel（调整等级）、lift（解除管控）',
      value: (r) => r.event.action,
    },
    { name: 'action_name', type: 'string', meaning: '变更类型名称', value: (r) => ZONE_ACTION_LABELS[r.event.action] },
    ...fieldColumns<LevelInfo, EventRow>(
      { schemeId: ['string', '等级体系标识（解除管控时为空）'], code: ['string', '变更后的等级代码（解除管控时为空）'] },
      (r) => r.level,
      'level_',
    ),
    { name: 'level_name', type: 'string', meaning: '变更后的等级名称', value: (r) => r.level?.name ?? r.event.levelName },
    ...instantColumns<EventRow>('effective_at', '生效时间', (r) => r.event.effectiveAt),
    ...instantColumns<EventRow>('planned_end', '随本项变更公布的计划解除时间（可为空）', (r) => r.event.plannedEndAt),
    { name: 'notice', type: 'string', meaning: '依据文件', value: (r) => r.event.notice },
    { name: 'note', type: 'string', meaning: '说明（可为空）', value: (r) => r.event.note },
    ...instantColumns<EventRow>('recorded_at', '录入（公布）时间', (r) => r.event.recordedAt),
    {
      name: 'in_effect',
      type: 'boolean',
      meaning: '在本文件描述的时刻是否已生效（false 表示已公布、尚未生效）',
      value: (r) => r.event.effectiveAt <= r.now,
    },
    ...instantColumns<EventRow>('as_of', '本文件所描述的时刻（本次发布时间）', (r) => r.now),
  ],
  rows({ zones, levelSchemes, now }) {
    const levels = levelIndex(levelSchemes);
    return zones
      .flatMap((zone) =>
        zone.events.map((event) => ({ zone, event, level: event.levelId ? (levels.get(event.levelId) ?? null) : null, now })),
      )
      .sort(
        (a, b) =>
          compare(a.event.effectiveAt, b.event.effectiveAt) ||
          compare(a.event.recordedAt, b.event.recordedAt) ||
          compare(a.event.id, b.event.id),
      );
  },
};

// ---- zone-corrections ----------------------------------------------------------------------

export interface ZoneCorrectionRow {
  zone: ZoneView;
  correction: ZoneView['corrections'][number];
  change: ZoneView['corrections'][number]['changes'][number];
  seq: number;
}

export const zoneCorrections: Dataset<ZoneCorrectionRow> = {
  id: 'zone-corrections',
  group: 'zones',
  primaryKey: ['correction_id', 'seq'],
  foreignKeys: [{ fields: ['zone_id'], resource: 'zones-current', referenceFields: ['zone_id'] }],
  updated: ({ zones }) =>
    zones
      .flatMap((z) => z.corrections.map((c) => c.correctedAt))
      .reduce<string | null>((best, at) => (!best || compare(at, best) > 0 ? at : best), null),
  title: '管控区域更正记录',
  description:
    '录入有误、经审核更正的管控区域信息和变更记录，每项更正内容一行，最新在前：更正了什么、由什么改为什么、原因和时间。错录的变更不再出现在 zone-events 中。',
  columns: [
    { name: 'correction_id', type: 'string', meaning: '更正的稳定标识（一次更正可有多项内容）', value: (r) => r.correction.id },
    { name: 'seq', type: 'integer', meaning: '该次更正中的内容序号（从1开始）', value: (r) => r.seq },
    { name: 'zone_id', type: 'string', meaning: '被更正区域的 zone_id', value: (r) => r.zone.id },
    ...zoneNameColumns<ZoneCorrectionRow>('区域（更正后）所属县（市、区）的区划代码'),
    {
      name: 'item',
      type: 'string',
      meaning: '更正的内容（如“名称”“2021年1月5日调整等级（高风险）的生效时间”）',
      value: (r) => r.change.label,
    },
    { name: 'before', type: 'string', meaning: '更正前', value: (r) => r.change.before },
    { name: 'after', type: 'string', meaning: '更正后', value: (r) => r.change.after },
    { name: 'reason', type: 'string', meaning: '更正原因（公开说明）', value: (r) => r.correction.reason },
    ...instantColumns<ZoneCorrectionRow>('corrected_at', '更正时间', (r) => r.correction.correctedAt),
  ],
  rows: ({ zones }) =>
    zones
      .flatMap((zone) =>
        zone.corrections.flatMap((correction) => correction.changes.map((change, i) => ({ zone, correction, change, seq: i + 1 }))),
      )
      .sort(
        (a, b) => compare(b.correction.correctedAt, a.correction.correctedAt) || compare(a.correction.id, b.correction.id) || a.seq - b.seq,
      ),
};

export const ZONE_DATASETS = [zonesCurrent, zoneEvents, zoneCorrections] as const;

// ---- files ---------------------------------------------------------------------------------

export function datasetCsv<R, I>(dataset: Dataset<R, I>, input: I): string {
  const rows = dataset.rows(input);
  return toCsv(
    dataset.columns.map((c) => c.name),
    rows.map((row) => dataset.columns.map((c) => c.value(row) as CsvValue)),
  );
}

export function datasetJson<R, I extends { now: string }>(dataset: Dataset<R, I>, input: I): string {
  const rows = dataset.rows(input);
  return JSON.stringify({
    dataset: dataset.id,
    version: OPEN_DATA_VERSION,
    title: dataset.title,
    asOf: utc(input.now),
    updated: dataset.updated(input),
    documentation: '/data/',
    columns: dataset.columns.map((c) => c.name),
    records: rows.map((row) => Object.fromEntries(dataset.columns.map((c) => [c.name, c.value(row)]))),
  });
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};
