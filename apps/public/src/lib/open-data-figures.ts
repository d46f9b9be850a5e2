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
import { latestUpdate, type Published } from './freshness.ts';
import { compare, fieldColumns, instantColumns, snakeCase, utc, type Column, type Dataset } from './open-data.ts';
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

/** A row of a file with a row per district of a parent record (a report, a testing round, a snapshot). */
export interface DistrictRecord<P, D> {
  parent: P;
  row: D;
}

type ReportDistrictRecord = DistrictRecord<Report, ReportDistrictRow>;
type RoundDistrictRow = TestingRound['districts'][number];
type TransferRecord = DistrictRecord<IsolationSnapshot, IsolationSnapshot['transfers'][number]>;

/**
 * A file with a row per district of each record of another file: keyed by both, each pointing to
 * its file; the first column names the parent record, the rows follow the parent file's order,
 * and the file changes when the parent file does.
 */
function perDistrictDataset<P extends { id: string }, D extends { districtCode: string; districtName: string }>(
  parent: Dataset<P, FiguresInput>,
  spec: {
    id: string;
    title: string;
    description: string;
    /** The parent's key column, e.g. 'report_id'. */
    parentKey: string;
    /** What one parent record is called, e.g. '通报'. */
    parentName: string;
    districts: (parent: P) => readonly D[];
    /** Columns between the parent's key and the district's, if any. */
    leading?: Column<DistrictRecord<P, D>>[];
    /** How the district code is described (it refers to the districts file). */
    districtCodeMeaning?: string;
    /** The columns after the district's. */
    columns: Column<DistrictRecord<P, D>>[];
  },
): Dataset<DistrictRecord<P, D>, FiguresInput> {
  const { parentKey } = spec;
  return {
    id: spec.id,
    group: 'figures',
    title: spec.title,
    description: spec.description,
    primaryKey: [parentKey, 'district_code'],
    foreignKeys: [
      { fields: [parentKey], resource: parent.id, referenceFields: [parentKey] },
      { fields: ['district_code'], resource: 'districts', referenceFields: ['district_code'] },
    ],
    columns: [
      { name: parentKey, type: 'string', meaning: `所属${spec.parentName}（${parent.id} 中的 ${parentKey}）`, value: (r) => r.parent.id },
      ...(spec.leading ?? []),
      {
        name: 'district_code',
        type: 'string',
        meaning: spec.districtCodeMeaning ?? '县（市、区）的区划代码',
        value: (r) => r.row.districtCode,
      },
      { name: 'district_name', type: 'string', meaning: '县（市、区）名称', value: (r) => r.row.districtName },
      ...spec.columns,
    ],
    rows: (input) => parent.rows(input).flatMap((p) => spec.districts(p).map((row) => ({ parent: p, row }))),
    updated: parent.updated,
  };
}

/**
 * A file of published records of figures (reports, testing rounds, isolation snapshots), a row per
 * record keyed by its id: the columns given, then when it was published and how often its figures
 * were corrected. The file changes with the latest publication or correction.
 */
function publishedDataset<R extends Published & { id: string }>(spec: {
  id: string;
  title: string;
  description: string;
  key: string;
  keyMeaning: string;
  records: (input: FiguresInput) => readonly R[];
  order: (a: R, b: R) => number;
  columns: Column<R>[];
  correctionCountMeaning?: string;
  /** Columns after the correction count. */
  trailing?: Column<R>[];
}): Dataset<R, FiguresInput> {
  return {
    id: spec.id,
    group: 'figures',
    title: spec.title,
    description: spec.description,
    primaryKey: [spec.key],
    columns: [
      { name: spec.key, type: 'string', meaning: spec.keyMeaning, value: (r) => r.id },
      ...spec.columns,
      ...instantColumns<R>('published_at', '发布时间', (r) => r.publishedAt),
      {
        name: 'correction_count',
        type: 'integer',
        meaning: spec.correctionCountMeaning ?? '已发布数字的更正次数',
        value: (r) => correctionsOf(r).length,
      },
      ...(spec.trailing ?? []),
    ],
    rows: (input) => [...spec.records(input)].sort(spec.order),
    updated: (input) => latestUpdate(spec.records(input)),
  };
}

// ---- reports -----------------------------------------------------------------------------------

export const reportsDataset = publishedDataset<Report>({
  id: 'reports',
  title: '疫情通报',
  description: '每期已发布的疫情通报一行，按统计截止时间先后排列。统计时段不一定是整天（如1月15日0—12时）。',
  key: 'report_id',
  keyMeaning: '通报的稳定标识，不会改变',
  records: ({ reports }) => reports,
  order: (a, b) => byTime(a.periodEnd, b.periodEnd) || byTime(a.periodStart, b.periodStart) || compare(a.id, b.id),
  columns: [
    ...instantColumns<Report>('period_start', '统计时段开始', (r) => r.periodStart),
    ...instantColumns<Report>('period_end', '统计时段截止', (r) => r.periodEnd),
    {
      name: 'period_label',
      type: 'string',
      meaning: '统计时段的通报写法，如“1月15日0—12时”',
      value: (r) => formatPeriod(r.periodStart, r.periodEnd),
    },
    ...fieldColumns<Report>({
      newConfirmed: [
        'integer',
        '本时段新增确诊病例，不含无症状感染者转确诊（见 reclassified_confirmed；两者之和为通报所说的新增确诊数）；未公布时为空（不是0）',
      ],
      newAsymptomatic: ['integer', '本时段新增无症状感染者（未公布时为空）'],
      reclassifiedConfirmed: ['integer', '本时段无症状感染者转为确诊病例（未公布时为空）'],
      newDischarged: ['integer', '本时段新增出院（未公布时为空；另有统计时段的见 figure_periods）'],
      newDeaths: ['integer', '本时段新增死亡（未公布时为空）'],
      cumulativeConfirmed: ['integer', '截至统计时段截止时的累计确诊病例（自本轮疫情开始；未公布时为空）'],
      cumulativeAsymptomatic: ['integer', '截至统计时段截止时的累计无症状感染者（未公布时为空）'],
      cumulativeDischarged: ['integer', '截至统计时段截止时的累计治愈出院（未公布时为空）'],
      cumulativeDeaths: ['integer', '截至统计时段截止时的累计死亡（未公布时为空）'],
      cumulativeReleased: ['integer', '截至统计时段截止时累计解除医学观察的无症状感染者（未公布时为空）'],
      combinedTotal: ['integer', '通报所说的“确诊病例和无症状感染者共N例”，按原文（未公布时为空）'],
      underTreatment: ['integer', '现有确诊：统计时段截止时在院治疗的确诊病例（未公布时为空）'],
      underObservation: ['integer', '现有无症状：统计时段截止时尚在医学观察的无症状感染者（未公布时为空）'],
      reconciliationNote: ['string', '累计数与上一期加本期新增不一致时的核对说明（可为空）'],
      source: ['string', '通报原文（可为空）'],
    }),
    {
      name: 'figure_periods',
      type: 'string',
      meaning:
        '另有统计时段的数字及其时段（UTC），如“new_discharged=2021-01-31T06:00:00.000Z/2021-02-01T06:00:00.000Z”，多项以分号分隔；这些数字不属于本期统计时段（可为空）',
      value: (r) => r.figurePeriods.map((p) => `${snakeCase(p.figure)}=${utc(p.periodStart)}/${utc(p.periodEnd)}`).join(';') || null,
    },
  ],
  correctionCountMeaning: '本期通报已发布数字的更正次数（0为未更正；各项更正见 corrections）',
  trailing: [
    ...instantColumns<Report>('last_corrected_at', '最近一次更正的时间（未更正时为空）', (r) => lastCorrectedAt(r)),
    { name: 'url', type: 'string', meaning: '本站显示该期通报的网页地址（站内路径）', value: (r) => reportHref(r) },
  ],
});

// ---- report-districts --------------------------------------------------------------------------

export const reportDistrictsDataset = perDistrictDataset(reportsDataset, {
  id: 'report-districts',
  title: '疫情通报分县（市、区）数据',
  description: '每期通报中公布的各县（市、区）病例，每期每个县（市、区）一行。未列出的县（市、区）表示该期未单独公布。',
  parentKey: 'report_id',
  parentName: '通报',
  districts: (report) => report.districts,
  districtCodeMeaning: '县（市、区）的区划代码（districts 中的 district_code）',
  columns: [
    ...instantColumns<ReportDistrictRecord>('period_end', '所属通报的统计时段截止', (r) => r.parent.periodEnd),
    ...fieldColumns<ReportDistrictRow, ReportDistrictRecord>(
      {
        newConfirmed: ['integer', '本时段新增确诊病例（未公布时为空）'],
        newAsymptomatic: ['integer', '本时段新增无症状感染者（未公布时为空）'],
        cumulativeConfirmed: ['integer', '累计确诊病例（未公布时为空）'],
        cumulativeAsymptomatic: ['integer', '累计无症状感染者（未公布时为空）'],
      },
      (r) => r.row,
    ),
    {
      name: 'corrected',
      type: 'boolean',
      meaning: '本行有数字经过更正（各项更正见 corrections）',
      value: (r) =>
        ['newConfirmed', 'newAsymptomatic', 'cumulativeConfirmed', 'cumulativeAsymptomatic'].some(
          (f) => correctionsFor(r.parent, f, r.row.districtCode).length > 0,
        ),
    },
  ],
});

// ---- daily-figures -----------------------------------------------------------------------------

export const dailyFiguresDataset: Dataset<FigureDay, FiguresInput> = {
  id: 'daily-figures',
  group: 'figures',
  title: '每日病例数',
  description:
    '由各期通报按北京时间日历日汇总，每天一行，从第一期通报到最近一期通报。每期通报的新增数计入其统计截止时间所在的一天；没有通报的日子新增数为空，不按0计。即疫情数据页的每日曲线。',
  primaryKey: ['date'],
  columns: [
    ...fieldColumns<FigureDay>({
      date: ['date', '日期（北京时间）'],
      newConfirmed: ['integer', '当天新增确诊病例，含由无症状感染者转为确诊的病例，与通报口径一致（当天没有通报或通报时段重叠时为空）'],
      newAsymptomatic: ['integer', '当天新增无症状感染者（同上）'],
      cumulativeConfirmed: ['integer', '当天结束前最近一期通报的累计确诊病例'],
      cumulativeAsymptomatic: ['integer', '当天结束前最近一期通报的累计无症状感染者'],
    }),
    ...instantColumns<FigureDay>('cumulative_as_of', '累计数的截止时间（当天没有通报或只有半天时早于当天24时）', (d) => d.cumulativeAsOf),
    ...fieldColumns<FigureDay>({
      complete: ['boolean', '计入当天的通报时段覆盖当天0—24时'],
      approximate: ['boolean', '计入当天的通报时段有在当天以前开始的（前一天的部分时段，或连续几天），其新增数含当天以前的时段'],
    }),
    { name: 'report_count', type: 'integer', meaning: '计入当天的通报期数', value: (d) => d.periods.length },
    {
      name: 'periods',
      type: 'string',
      meaning: '计入当天的统计时段，以“、”分隔',
      value: (d) => (d.periods.length > 0 ? periodsLabel(d) : null),
    },
    ...fieldColumns<FigureDay>({
      corrected: ['boolean', '计入当天的通报有数字经过更正'],
      reclassifiedConfirmed: ['integer', 'new_confirmed 中由无症状感染者转为确诊的病例数（同 new_confirmed，为空时未计）'],
    }),
  ],
  rows: ({ reports }) => figureDays(reports),
  updated: reportsDataset.updated,
};

// ---- testing rounds ----------------------------------------------------------------------------

export const testingRoundsDataset = publishedDataset<TestingRound>({
  id: 'testing-rounds',
  title: '全员核酸检测轮次',
  description:
    '每一轮全员核酸检测的每一次公布一行：进行中时各次公布的进展（stage 为 in_progress，数据截至 as_of），结束后的最终数据（stage 为 final），按轮次和截至时间先后排列。',
  key: 'round_id',
  keyMeaning: '轮次的稳定标识，不会改变',
  records: ({ testingRounds }) => testingRounds,
  order: (a, b) =>
    a.number - b.number || (a.stage === b.stage ? 0 : a.stage === 'final' ? 1 : -1) || (a.asOf ?? '').localeCompare(b.asOf ?? ''),
  columns: [
    { name: 'round_number', type: 'integer', meaning: '轮次（第几轮）', value: (r) => r.number },
    { name: 'stage', type: 'string', meaning: 'in_progress：进行中公布的进展；final：该轮结束后的最终数据', value: (r) => r.stage },
    ...instantColumns<TestingRound>('as_of', '数据截至时间（最终数据未写明时为空）', (r) => r.asOf),
    ...instantColumns<TestingRound>('started_at', '开始时间（未公布时为空）', (r) => r.startedAt),
    ...instantColumns<TestingRound>('completed_at', '完成时间（进行中时为空）', (r) => r.completedAt),
    ...fieldColumns<TestingRound>({
      collectionPoints: ['integer', '采样点数量（未公布时为空）'],
      peopleSampled: ['integer', '采样人数（未公布时为空）'],
      peopleSent: ['integer', '送检人数（未公布时为空）'],
      resultsOut: ['integer', '已出结果人数（未公布时为空）'],
      peopleTested: ['integer', '检测人数（未公布时为空）'],
      positives: ['integer', '检出阳性人数（进行中时为截至当时的人数；未公布时为空）'],
      summary: ['string', '情况说明（可为空）'],
    }),
  ],
});

export const testingRoundDistrictsDataset = perDistrictDataset(testingRoundsDataset, {
  id: 'testing-round-districts',
  title: '全员核酸检测分县（市、区）数据',
  description: '每轮全员核酸检测中公布的各县（市、区）情况，每轮每个县（市、区）一行。',
  parentKey: 'round_id',
  parentName: '轮次',
  districts: (round) => round.districts,
  leading: [{ name: 'round_number', type: 'integer', meaning: '轮次（第几轮）', value: (r) => r.parent.number }],
  columns: [
    ...fieldColumns<RoundDistrictRow, DistrictRecord<TestingRound, RoundDistrictRow>>(
      {
        peopleTested: ['integer', '检测人数（未公布时为空）'],
        positives: ['integer', '阳性人数（未公布时为空）'],
        noSpread: ['boolean', '通报称本轮未发现向该县（市、区）扩散'],
      },
      (r) => r.row,
    ),
  ],
});

// ---- isolation ---------------------------------------------------------------------------------

export const isolationSnapshotsDataset = publishedDataset<IsolationSnapshot>({
  id: 'isolation-snapshots',
  title: '集中隔离情况',
  description: '每次公布的集中隔离场所、房间、隔离人员和密切接触者数，按截至时间先后排列。',
  key: 'snapshot_id',
  keyMeaning: '本次公布的稳定标识，不会改变',
  records: ({ isolationSnapshots }) => isolationSnapshots,
  order: (a, b) => byTime(a.asOf, b.asOf) || compare(a.id, b.id),
  columns: [
    ...instantColumns<IsolationSnapshot>('as_of', '数据截至时间', (s) => s.asOf),
    ...fieldColumns<IsolationSnapshot>({
      sites: ['integer', '集中隔离场所数量（未公布时为空）'],
      rooms: ['integer', '隔离房间数量（未公布时为空）'],
      people: ['integer', '正在集中隔离的人数（未公布时为空）'],
      closeContacts: ['integer', '已追踪的密切接触者（未公布时为空）'],
      secondaryContacts: ['integer', '已追踪的次密切接触者（未公布时为空）'],
    }),
  ],
});

export const isolationTransfersDataset = perDistrictDataset(isolationSnapshotsDataset, {
  id: 'isolation-transfers',
  title: '各县（市、区）转运隔离人数',
  description: '每次公布的各县（市、区）转运至集中隔离场所的人数，每次每个县（市、区）一行。',
  parentKey: 'snapshot_id',
  parentName: '公布',
  districts: (snapshot) => snapshot.transfers,
  columns: [
    ...instantColumns<TransferRecord>('as_of', '转运人数的截至时间', (r) => r.row.asOf),
    { name: 'people', type: 'integer', meaning: '转运至集中隔离场所的人数', value: (r) => r.row.people },
  ],
});

export const isolationFacilitiesDataset: Dataset<IsolationFacility, FiguresInput> = {
  id: 'isolation-facilities',
  group: 'figures',
  title: '集中隔离设施',
  description: '建设中、已投用和已关闭的集中隔离设施，每处一行。',
  primaryKey: ['facility_id'],
  columns: [
    { name: 'facility_id', type: 'string', meaning: '设施的稳定标识，不会改变', value: (f) => f.id },
    ...fieldColumns<IsolationFacility>({
      name: ['string', '名称'],
      location: ['string', '位置'],
      rooms: ['integer', '房间数'],
      roomAreaM2: ['number', '单间面积（平方米，未公布时为空）'],
      floorAreaM2: ['number', '建筑面积（平方米，未公布时为空）'],
      siteAreaMu: ['number', '占地面积（亩，未公布时为空）'],
      constructionStartedOn: ['date', '开工日期（未公布时为空）'],
      openedOn: ['date', '投用日期（未投用时为空）'],
      status: ['string', '状态代码：under_construction（建设中）、in_use（已投用）、closed（已关闭）'],
    }),
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
