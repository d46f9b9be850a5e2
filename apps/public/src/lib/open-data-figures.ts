// The open-data files about figures: reports and their district rows, the daily series, testing
// rounds, isolation snapshots, transfers and facilities, corrections, and the county-level units
// they refer to. Same pattern and versioning rule as the zone files (open-data.ts): within a
// version columns are only added at the end.
//
// Values are the current ones: a corrected figure shows its corrected value, and every
// correction (old value, new value, reason, time) is a row of `corrections`.
import {
  DISTRICT_KIND_LABELS,
  FACILITY_STATUS_LABELS,
  formatPeriod,
  type District,
  type IsolationFacility,
  type IsolationSnapshot,
  type Report,
  type ReportDistrictRow,
  type TestingRound,
} from '@epi/core';
import { allCorrections, correctionsFor, correctionsOf, lastCorrectedAt, type ListedCorrection } from './corrections.ts';
import { figureDays, periodsLabel, type FigureDay } from './figures.ts';
import { latestUpdate } from './freshness.ts';
import { compare, instantColumns, utc, type Column, type Dataset } from './open-data.ts';
import { reportHref } from './report-pages.ts';

export interface FiguresInput {
  reports: Report[];
  testingRounds: TestingRound[];
  isolationSnapshots: IsolationSnapshot[];
  isolationFacilities: IsolationFacility[];
  districts: District[];
  /** The release moment, UTC ISO. */
  now: string;
}

const byTime = (a: string, b: string) => new Date(a).getTime() - new Date(b).getTime();
/** A corrected value as the files have always written it: text, so a column keeps one type. */
const stored = (v: number | null) => (v === null ? null : String(v));

/** A file with a row per district of a parent record: keyed by both, each pointing to its file. */
function perDistrictKeys(parentKey: string, parentResource: string) {
  return {
    primaryKey: [parentKey, 'district_code'],
    foreignKeys: [
      { fields: [parentKey], resource: parentResource, referenceFields: [parentKey] },
      { fields: ['district_code'], resource: 'districts', referenceFields: ['district_code'] },
    ],
  };
}

/** The district of a per-district row: its code and its name. */
function districtColumns<R>(row: (r: R) => { districtCode: string; districtName: string }): Column<R>[] {
  return [
    { name: 'district_code', type: 'string', meaning: '县（市、区）的区划代码', value: (r) => row(r).districtCode },
    { name: 'district_name', type: 'string', meaning: '县（市、区）名称', value: (r) => row(r).districtName },
  ];
}

const chronological = (reports: readonly Report[]) =>
  [...reports].sort((a, b) => byTime(a.periodEnd, b.periodEnd) || byTime(a.periodStart, b.periodStart) || compare(a.id, b.id));

const reportsUpdated = ({ reports }: FiguresInput) => latestUpdate(reports);

// ---- reports -----------------------------------------------------------------------------------

export const reportsDataset: Dataset<Report, FiguresInput> = {
  id: 'reports',
  group: 'figures',
  title: '疫情通报',
  description: '每期已发布的疫情通报一行，按统计截止时间先后排列。统计时段不一定是整天（如1月15日0—12时）。',
  primaryKey: ['report_id'],
  columns: [
    { name: 'report_id', type: 'string', meaning: '通报的稳定标识，不会改变', value: (r) => r.id },
    ...instantColumns<Report>('period_start', '统计时段开始', (r) => r.periodStart),
    ...instantColumns<Report>('period_end', '统计时段截止', (r) => r.periodEnd),
    {
      name: 'period_label',
      type: 'string',
      meaning: '统计时段的通报写法，如“1月15日0—12时”',
      value: (r) => formatPeriod(r.periodStart, r.periodEnd),
    },
    {
      name: 'new_confirmed',
      type: 'integer',
      meaning: '本时段新增确诊病例，不含无症状感染者转确诊（见 reclassified_confirmed；两者之和为通报所说的新增确诊数）',
      value: (r) => r.newConfirmed,
    },
    { name: 'new_asymptomatic', type: 'integer', meaning: '本时段新增无症状感染者', value: (r) => r.newAsymptomatic },
    {
      name: 'reclassified_confirmed',
      type: 'integer',
      meaning: '本时段无症状感染者转为确诊病例（未公布时为空）',
      value: (r) => r.reclassifiedConfirmed,
    },
    { name: 'new_discharged', type: 'integer', meaning: '本时段新增出院（未公布时为空）', value: (r) => r.newDischarged },
    { name: 'new_deaths', type: 'integer', meaning: '本时段新增死亡（未公布时为空）', value: (r) => r.newDeaths },
    {
      name: 'cumulative_confirmed',
      type: 'integer',
      meaning: '截至统计时段截止时的累计确诊病例（自本轮疫情开始）',
      value: (r) => r.cumulativeConfirmed,
    },
    {
      name: 'cumulative_asymptomatic',
      type: 'integer',
      meaning: '截至统计时段截止时的累计无症状感染者',
      value: (r) => r.cumulativeAsymptomatic,
    },
    { name: 'under_treatment', type: 'integer', meaning: '在院治疗人数（未公布时为空）', value: (r) => r.underTreatment },
    { name: 'under_observation', type: 'integer', meaning: '医学观察人数（未公布时为空）', value: (r) => r.underObservation },
    {
      name: 'reconciliation_note',
      type: 'string',
      meaning: '累计数与上一期加本期新增不一致时的核对说明（可为空）',
      value: (r) => r.reconciliationNote,
    },
    { name: 'source', type: 'string', meaning: '通报原文（可为空）', value: (r) => r.source },
    ...instantColumns<Report>('published_at', '发布时间', (r) => r.publishedAt),
    {
      name: 'correction_count',
      type: 'integer',
      meaning: '本期通报已发布数字的更正次数（0为未更正；各项更正见 corrections）',
      value: (r) => correctionsOf(r).length,
    },
    ...instantColumns<Report>('last_corrected_at', '最近一次更正的时间（未更正时为空）', (r) => lastCorrectedAt(r)),
    { name: 'url', type: 'string', meaning: '本站显示该期通报的网页地址（站内路径）', value: (r) => reportHref(r) },
  ],
  rows: ({ reports }) => chronological(reports),
  updated: reportsUpdated,
};

// ---- report-districts --------------------------------------------------------------------------

export interface ReportDistrictRecord {
  report: Report;
  row: ReportDistrictRow;
}

export const reportDistrictsDataset: Dataset<ReportDistrictRecord, FiguresInput> = {
  id: 'report-districts',
  group: 'figures',
  title: '疫情通报分县（市、区）数据',
  description: '每期通报中公布的各县（市、区）病例，每期每个县（市、区）一行。未列出的县（市、区）表示该期未单独公布。',
  ...perDistrictKeys('report_id', 'reports'),
  columns: [
    { name: 'report_id', type: 'string', meaning: '所属通报（reports 中的 report_id）', value: (r) => r.report.id },
    {
      name: 'district_code',
      type: 'string',
      meaning: '县（市、区）的区划代码（districts 中的 district_code）',
      value: (r) => r.row.districtCode,
    },
    { name: 'district_name', type: 'string', meaning: '县（市、区）名称', value: (r) => r.row.districtName },
    ...instantColumns<ReportDistrictRecord>('period_end', '所属通报的统计时段截止', (r) => r.report.periodEnd),
    { name: 'new_confirmed', type: 'integer', meaning: '本时段新增确诊病例', value: (r) => r.row.newConfirmed },
    { name: 'new_asymptomatic', type: 'integer', meaning: '本时段新增无症状感染者', value: (r) => r.row.newAsymptomatic },
    { name: 'cumulative_confirmed', type: 'integer', meaning: '累计确诊病例（未公布时为空）', value: (r) => r.row.cumulativeConfirmed },
    {
      name: 'cumulative_asymptomatic',
      type: 'integer',
      meaning: '累计无症状感染者（未公布时为空）',
      value: (r) => r.row.cumulativeAsymptomatic,
    },
    {
      name: 'corrected',
      type: 'boolean',
      meaning: '本行有数字经过更正（各项更正见 corrections）',
      value: (r) =>
        ['newConfirmed', 'newAsymptomatic', 'cumulativeConfirmed', 'cumulativeAsymptomatic'].some(
          (f) => correctionsFor(r.report, f, r.row.districtCode).length > 0,
        ),
    },
  ],
  rows: ({ reports }) => chronological(reports).flatMap((report) => report.districts.map((row) => ({ report, row }))),
  updated: reportsUpdated,
};

// ---- daily-figures -----------------------------------------------------------------------------

export const dailyFiguresDataset: Dataset<FigureDay, FiguresInput> = {
  id: 'daily-figures',
  group: 'figures',
  title: '每日病例数',
  description:
    '由各期通报按北京时间日历日汇总，每天一行，从第一期通报到最近一期通报。每期通报的新增数计入其统计截止时间所在的一天；没有通报的日子新增数为空，不按0计。即疫情数据页的每日曲线。',
  primaryKey: ['date'],
  columns: [
    { name: 'date', type: 'date', meaning: '日期（北京时间）', value: (d) => d.date },
    {
      name: 'new_confirmed',
      type: 'integer',
      meaning: '当天新增确诊病例，含由无症状感染者转为确诊的病例，与通报口径一致（当天没有通报或通报时段重叠时为空）',
      value: (d) => d.newConfirmed,
    },
    { name: 'new_asymptomatic', type: 'integer', meaning: '当天新增无症状感染者（同上）', value: (d) => d.newAsymptomatic },
    { name: 'cumulative_confirmed', type: 'integer', meaning: '当天结束前最近一期通报的累计确诊病例', value: (d) => d.cumulativeConfirmed },
    {
      name: 'cumulative_asymptomatic',
      type: 'integer',
      meaning: '当天结束前最近一期通报的累计无症状感染者',
      value: (d) => d.cumulativeAsymptomatic,
    },
    ...instantColumns<FigureDay>('cumulative_as_of', '累计数的截止时间（当天没有通报或只有半天时早于当天24时）', (d) => d.cumulativeAsOf),
    { name: 'complete', type: 'boolean', meaning: '计入当天的通报时段覆盖当天0—24时', value: (d) => d.complete },
    {
      name: 'approximate',
      type: 'boolean',
      meaning: '计入当天的通报时段有从前一天开始的，其新增数含前一天的部分时段',
      value: (d) => d.approximate,
    },
    { name: 'report_count', type: 'integer', meaning: '计入当天的通报期数', value: (d) => d.periods.length },
    {
      name: 'periods',
      type: 'string',
      meaning: '计入当天的统计时段，以“、”分隔',
      value: (d) => (d.periods.length > 0 ? periodsLabel(d) : null),
    },
    { name: 'corrected', type: 'boolean', meaning: '计入当天的通报有数字经过更正', value: (d) => d.corrected },
    {
      name: 'reclassified_confirmed',
      type: 'integer',
      meaning: 'new_confirmed 中由无症状感染者转为确诊的病例数（同 new_confirmed，为空时未计）',
      value: (d) => d.reclassifiedConfirmed,
    },
  ],
  rows: ({ reports }) => figureDays(reports),
  updated: reportsUpdated,
};

// ---- testing rounds ----------------------------------------------------------------------------

export const testingRoundsDataset: Dataset<TestingRound, FiguresInput> = {
  id: 'testing-rounds',
  group: 'figures',
  title: '全员核酸检测轮次',
  description: '每一轮全员核酸检测一行，按轮次先后排列。',
  primaryKey: ['round_id'],
  columns: [
    { name: 'round_id', type: 'string', meaning: '轮次的稳定标识，不会改变', value: (r) => r.id },
    { name: 'round_number', type: 'integer', meaning: '轮次（第几轮）', value: (r) => r.number },
    ...instantColumns<TestingRound>('started_at', '开始时间（未公布时为空）', (r) => r.startedAt),
    ...instantColumns<TestingRound>('completed_at', '完成时间（进行中时为空）', (r) => r.completedAt),
    { name: 'collection_points', type: 'integer', meaning: '采样点数量（未公布时为空）', value: (r) => r.collectionPoints },
    { name: 'people_sampled', type: 'integer', meaning: '采样人数（未公布时为空）', value: (r) => r.peopleSampled },
    { name: 'people_tested', type: 'integer', meaning: '检测人数', value: (r) => r.peopleTested },
    { name: 'positives', type: 'integer', meaning: '检出阳性人数', value: (r) => r.positives },
    { name: 'summary', type: 'string', meaning: '情况说明（可为空）', value: (r) => r.summary },
    ...instantColumns<TestingRound>('published_at', '发布时间', (r) => r.publishedAt),
    { name: 'correction_count', type: 'integer', meaning: '已发布数字的更正次数', value: (r) => correctionsOf(r).length },
  ],
  rows: ({ testingRounds }) => [...testingRounds].sort((a, b) => a.number - b.number),
  updated: ({ testingRounds }) => latestUpdate(testingRounds),
};

export interface RoundDistrictRecord {
  round: TestingRound;
  row: TestingRound['districts'][number];
}

export const testingRoundDistrictsDataset: Dataset<RoundDistrictRecord, FiguresInput> = {
  id: 'testing-round-districts',
  group: 'figures',
  title: '全员核酸检测分县（市、区）数据',
  description: '每轮全员核酸检测中公布的各县（市、区）情况，每轮每个县（市、区）一行。',
  ...perDistrictKeys('round_id', 'testing-rounds'),
  columns: [
    { name: 'round_id', type: 'string', meaning: '所属轮次（testing-rounds 中的 round_id）', value: (r) => r.round.id },
    { name: 'round_number', type: 'integer', meaning: '轮次（第几轮）', value: (r) => r.round.number },
    ...districtColumns<RoundDistrictRecord>((r) => r.row),
    { name: 'people_tested', type: 'integer', meaning: '检测人数（未公布时为空）', value: (r) => r.row.peopleTested },
    { name: 'positives', type: 'integer', meaning: '阳性人数（未公布时为空）', value: (r) => r.row.positives },
    { name: 'no_spread', type: 'boolean', meaning: '通报称本轮未发现向该县（市、区）扩散', value: (r) => r.row.noSpread },
  ],
  rows: ({ testingRounds }) =>
    [...testingRounds].sort((a, b) => a.number - b.number).flatMap((round) => round.districts.map((row) => ({ round, row }))),
  updated: ({ testingRounds }) => latestUpdate(testingRounds),
};

// ---- isolation ---------------------------------------------------------------------------------

export const isolationSnapshotsDataset: Dataset<IsolationSnapshot, FiguresInput> = {
  id: 'isolation-snapshots',
  group: 'figures',
  title: '集中隔离情况',
  description: '每次公布的集中隔离场所、房间、隔离人员和密切接触者数，按截至时间先后排列。',
  primaryKey: ['snapshot_id'],
  columns: [
    { name: 'snapshot_id', type: 'string', meaning: '本次公布的稳定标识，不会改变', value: (s) => s.id },
    ...instantColumns<IsolationSnapshot>('as_of', '数据截至时间', (s) => s.asOf),
    { name: 'sites', type: 'integer', meaning: '集中隔离场所数量', value: (s) => s.sites },
    { name: 'rooms', type: 'integer', meaning: '隔离房间数量', value: (s) => s.rooms },
    { name: 'people', type: 'integer', meaning: '正在集中隔离的人数', value: (s) => s.people },
    { name: 'close_contacts', type: 'integer', meaning: '已追踪的密切接触者（未公布时为空）', value: (s) => s.closeContacts },
    { name: 'secondary_contacts', type: 'integer', meaning: '已追踪的次密切接触者（未公布时为空）', value: (s) => s.secondaryContacts },
    ...instantColumns<IsolationSnapshot>('published_at', '发布时间', (s) => s.publishedAt),
    { name: 'correction_count', type: 'integer', meaning: '已发布数字的更正次数', value: (s) => correctionsOf(s).length },
  ],
  rows: ({ isolationSnapshots }) => [...isolationSnapshots].sort((a, b) => byTime(a.asOf, b.asOf) || compare(a.id, b.id)),
  updated: ({ isolationSnapshots }) => latestUpdate(isolationSnapshots),
};

export interface TransferRecord {
  snapshot: IsolationSnapshot;
  transfer: IsolationSnapshot['transfers'][number];
}

export const isolationTransfersDataset: Dataset<TransferRecord, FiguresInput> = {
  id: 'isolation-transfers',
  group: 'figures',
  title: '各县（市、区）转运隔离人数',
  description: '每次公布的各县（市、区）转运至集中隔离场所的人数，每次每个县（市、区）一行。',
  ...perDistrictKeys('snapshot_id', 'isolation-snapshots'),
  columns: [
    { name: 'snapshot_id', type: 'string', meaning: '所属公布（isolation-snapshots 中的 snapshot_id）', value: (r) => r.snapshot.id },
    ...districtColumns<TransferRecord>((r) => r.transfer),
    ...instantColumns<TransferRecord>('as_of', '转运人数的截至时间', (r) => r.transfer.asOf),
    { name: 'people', type: 'integer', meaning: '转运至集中隔离场所的人数', value: (r) => r.transfer.people },
  ],
  rows: (input) =>
    isolationSnapshotsDataset.rows(input).flatMap((snapshot) => snapshot.transfers.map((transfer) => ({ snapshot, transfer }))),
  updated: ({ isolationSnapshots }) => latestUpdate(isolationSnapshots),
};

export const isolationFacilitiesDataset: Dataset<IsolationFacility, FiguresInput> = {
  id: 'isolation-facilities',
  group: 'figures',
  title: '集中隔离设施',
  description: '建设中、已投用和已关闭的集中隔离设施，每处一行。',
  primaryKey: ['facility_id'],
  columns: [
    { name: 'facility_id', type: 'string', meaning: '设施的稳定标识，不会改变', value: (f) => f.id },
    { name: 'name', type: 'string', meaning: '名称', value: (f) => f.name },
    { name: 'location', type: 'string', meaning: '位置', value: (f) => f.location },
    { name: 'rooms', type: 'integer', meaning: '房间数', value: (f) => f.rooms },
    { name: 'room_area_m2', type: 'number', meaning: '单间面积（平方米，未公布时为空）', value: (f) => f.roomAreaM2 },
    { name: 'floor_area_m2', type: 'number', meaning: '建筑面积（平方米，未公布时为空）', value: (f) => f.floorAreaM2 },
    { name: 'site_area_mu', type: 'number', meaning: '占地面积（亩，未公布时为空）', value: (f) => f.siteAreaMu },
    { name: 'construction_started_on', type: 'date', meaning: '开工日期（未公布时为空）', value: (f) => f.constructionStartedOn },
    { name: 'opened_on', type: 'date', meaning: '投用日期（未投用时为空）', value: (f) => f.openedOn },
    {
      name: 'status',
      type: 'string',
      meaning: '状态代码：under_construction（建设中）、in_use（已投用）、closed（已关闭）',
      value: (f) => f.status,
    },
    { name: 'status_name', type: 'string', meaning: '状态名称', value: (f) => FACILITY_STATUS_LABELS[f.status] },
    { name: 'description', type: 'string', meaning: '说明（可为空）', value: (f) => f.description },
    ...instantColumns<IsolationFacility>('updated_at', '最近一次更新时间', (f) => f.updatedAt),
  ],
  rows: ({ isolationFacilities }) => [...isolationFacilities].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id)),
  updated: ({ isolationFacilities }) =>
    isolationFacilities.reduce<string | null>((best, f) => (!best || byTime(f.updatedAt, best) > 0 ? utc(f.updatedAt) : best), null),
};

// ---- corrections -------------------------------------------------------------------------------

export const correctionsDataset: Dataset<ListedCorrection, FiguresInput> = {
  id: 'corrections',
  group: 'figures',
  title: '数据更正记录',
  description:
    '已发布数字的每一项更正一行，最新在前：更正了哪条记录的哪个数字、原数字、更正后数字、原因和时间。其他文件中的数字均为更正后的数字。',
  primaryKey: ['correction_id'],
  columns: [
    { name: 'correction_id', type: 'string', meaning: '更正的稳定标识', value: (c) => c.id },
    {
      name: 'entity_type',
      type: 'string',
      meaning: '被更正记录的类型：report（疫情通报）、testing_round（核酸检测轮次）、isolation_snapshot（集中隔离情况）',
      value: (c) => c.entity.type,
    },
    {
      name: 'entity_id',
      type: 'string',
      meaning: '被更正记录的标识（对应文件中的 report_id、round_id 或 snapshot_id）',
      value: (c) => c.entityId,
    },
    { name: 'field', type: 'string', meaning: '被更正的数字（字段名，如 newConfirmed）', value: (c) => c.correction.field },
    {
      name: 'district_code',
      type: 'string',
      meaning: '更正的是分县（市、区）数字时，该县（市、区）的区划代码；否则为空',
      value: (c) => c.correction.districtCode,
    },
    { name: 'old_value', type: 'string', meaning: '更正前的值', value: (c) => stored(c.correction.oldValue) },
    { name: 'new_value', type: 'string', meaning: '更正后的值', value: (c) => stored(c.correction.newValue) },
    { name: 'reason', type: 'string', meaning: '更正原因', value: (c) => c.correction.reason },
    ...instantColumns<ListedCorrection>('corrected_at', '更正时间', (c) => c.correction.correctedAt),
  ],
  rows: (input) => allCorrections(input),
  updated: (input) => utc(allCorrections(input)[0]?.correction.correctedAt ?? null),
};

// ---- districts ---------------------------------------------------------------------------------

export const districtsDataset: Dataset<District, FiguresInput> = {
  id: 'districts',
  group: 'reference',
  title: '县（市、区）',
  description: '石家庄市24个县级单位（含单独统计的高新区、循环化工园区），按官方顺序排列；其他文件的 district_code 指向本文件。',
  primaryKey: ['district_code'],
  columns: [
    {
      name: 'district_code',
      type: 'string',
      meaning: '6位区划代码（民政部行政区划代码；高新区、循环化工园区为统计用代码）',
      value: (d) => d.code,
    },
    { name: 'name', type: 'string', meaning: '名称', value: (d) => d.name },
    { name: 'short_name', type: 'string', meaning: '简称', value: (d) => d.shortName },
    {
      name: 'kind',
      type: 'string',
      meaning: '类别代码：district（市辖区）、county（县）、county_city（县级市）、development_zone（开发区，单独统计）',
      value: (d) => d.kind,
    },
    { name: 'kind_name', type: 'string', meaning: '类别名称', value: (d) => DISTRICT_KIND_LABELS[d.kind] },
    { name: 'sort_order', type: 'integer', meaning: '官方排列顺序', value: (d) => d.sortOrder },
  ],
  rows: ({ districts }) => [...districts].sort((a, b) => a.sortOrder - b.sortOrder),
  // Reference data has no publication time of its own.
  updated: () => null,
};

export const FIGURE_DATASETS = [
  reportsDataset,
  reportDistrictsDataset,
  dailyFiguresDataset,
  testingRoundsDataset,
  testingRoundDistrictsDataset,
  isolationSnapshotsDataset,
  isolationTransfersDataset,
  isolationFacilitiesDataset,
  correctionsDataset,
  districtsDataset,
] as const;
