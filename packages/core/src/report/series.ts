// Daily series (Asia/Shanghai calendar days) from reports whose periods need not be days: the
// 11th press conference reported 1月15日0—12时. Browser-safe and pure; the site's charts and
// CSV downloads are drawn from it.
//
// Attribution: a report's new counts belong to the day its period ends in (an end at 24时 closes
// that day). A period that began on an earlier day is still counted on the day it ends, and that
// day is marked `approximate`: its counts include hours of the day before. Nothing is split
// proportionally, and a day no report ends in is a gap (null), never zero.
//
// Overlapping periods. Two periods are *nested* when one strictly contains the other and both end
// on the same day: the city published 1月15日0—12时 and later the full day 1月15日0—24时. The
// containing report is counted for that day and the contained ones are not (no double counting);
// they still state the cumulative counts at their end. Any other overlap (a partial one, the same
// period twice, or a containing period that ends on a later day) is listed as an 'overlap' issue,
// and the days its reports end on get no new counts.
//
// Figures not stated. A report that does not state a new count (null) leaves the day it counts for
// unknown (null), never 0; a new count stated for a period of its own (a discharge count from 14时
// to 14时) is not the report's, and counts as not stated for the report's period.
//
// New confirmed cases of a day are the report's new confirmed plus those reclassified from
// asymptomatic: the form keeps them apart ("新增确诊48例（其中3例为无症状感染者转确诊）" is entered as
// 45 + 3) because cumulative confirmed = previous + new + reclassified. Counting both makes the
// day's bar the official 48 and makes the bars add up to the rise of the cumulative curve.

import { beijingDayEnd, beijingDayStart, beijingEndDate, nextBeijingDate } from '../shared/time.ts';

export interface SeriesReportDistrict {
  districtCode: string;
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  cumulativeConfirmed?: number | null;
  cumulativeAsymptomatic?: number | null;
}

export interface SeriesReport {
  id?: string;
  periodStart: string;
  periodEnd: string;
  /** New confirmed cases, not counting those reclassified from asymptomatic; null when not stated. */
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  /** Asymptomatic cases confirmed in the period (null or absent: none stated). */
  reclassifiedConfirmed?: number | null;
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
  /** Figures stated for a period of their own: not the report's period's. */
  figurePeriods?: ReadonlyArray<{ figure: string }>;
  districts?: ReadonlyArray<SeriesReportDistrict>;
}

export interface SeriesPeriod {
  periodStart: string;
  periodEnd: string;
}

/** How period `a` stands to period `b` when they overlap. */
export type PeriodOverlap = 'same' | 'contains' | 'within' | 'partial';

function overlapOfMs(aStart: number, aEnd: number, bStart: number, bEnd: number): PeriodOverlap | null {
  if (aStart >= bEnd || bStart >= aEnd) return null;
  if (aStart === bStart && aEnd === bEnd) return 'same';
  if (aStart <= bStart && bEnd <= aEnd) return 'contains';
  if (bStart <= aStart && aEnd <= bEnd) return 'within';
  return 'partial';
}

/**
 * How two periods overlap (null: they do not), and whether the daily series takes them as nested:
 * one strictly inside the other and both ending on the same day, so only the containing one is
 * counted. Any other overlap leaves the days of both reports without new counts.
 */
export function periodOverlap(a: SeriesPeriod, b: SeriesPeriod): { relation: PeriodOverlap; nested: boolean } | null {
  const [aStart, aEnd, bStart, bEnd] = [a.periodStart, a.periodEnd, b.periodStart, b.periodEnd].map((t) => Date.parse(t)) as [
    number,
    number,
    number,
    number,
  ];
  const relation = overlapOfMs(aStart, aEnd, bStart, bEnd);
  if (!relation) return null;
  const sameDay = beijingEndDate(aEnd) === beijingEndDate(bEnd);
  return { relation, nested: sameDay && (relation === 'contains' || relation === 'within') };
}

export interface SeriesDay {
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  date: string;
  /**
   * Sum over the reports attributed to the day, leaving out those nested in another; null when
   * none is (or when they overlap other than nested). New confirmed includes the cases
   * reclassified from asymptomatic, as the official total does.
   */
  newConfirmed: number | null;
  /** How many of `newConfirmed` were reclassified from asymptomatic. */
  reclassifiedConfirmed: number | null;
  newAsymptomatic: number | null;
  /** From the last report ending at or before the end of the day; null before the first. */
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
  /** When those cumulative counts were stated: earlier than the day's end on a gap or a half day. */
  cumulativeAsOf: string | null;
  /** The attributed periods cover the day's 0—24时 without a gap. */
  complete: boolean;
  /** Some attributed period began before the day, so its counts include earlier hours. */
  approximate: boolean;
  /** The periods counted for the day, in order (not those nested in another one). */
  periods: SeriesPeriod[];
}

export type SeriesIssueKind = 'invalid-period' | 'overlap' | 'cumulative-conflict' | 'cumulative-decrease';

export interface SeriesIssue {
  kind: SeriesIssueKind;
  message: string;
  /** The reports concerned: their position in the input, id and period. */
  reports: Array<{ index: number; id: string | null; periodStart: string; periodEnd: string }>;
}

export interface DailySeries {
  days: SeriesDay[];
  issues: SeriesIssue[];
}

export interface DistrictSeriesDay {
  date: string;
  /** Null when any report attributed to the day says nothing about the district. */
  newConfirmed: number | null;
  newAsymptomatic: number | null;
  cumulativeConfirmed: number | null;
  cumulativeAsymptomatic: number | null;
  /** Both new counts are known for the whole 0—24时. */
  complete: boolean;
  approximate: boolean;
}

export interface DistrictDailySeries {
  districts: Array<{ districtCode: string; days: DistrictSeriesDay[] }>;
  issues: SeriesIssue[];
}

interface Entry<R extends SeriesReport> {
  index: number;
  report: R;
  start: number;
  end: number;
  /** The day its counts belong to: the day its period ends in. */
  date: string;
  crossesMidnight: boolean;
  /** Overlaps another report other than nested: the day it ends on gets no new counts. */
  overlapping: boolean;
  /** Inside another report's period, ending on the same day: that report is counted, not this one. */
  containedIn: Entry<R> | null;
}

const ref = (e: Entry<SeriesReport>) => ({
  index: e.index,
  id: e.report.id ?? null,
  periodStart: e.report.periodStart,
  periodEnd: e.report.periodEnd,
});

interface Attribution<R extends SeriesReport> {
  /** Valid reports, by period end. */
  entries: Entry<R>[];
  byDate: Map<string, Entry<R>[]>;
  dates: string[];
  issues: SeriesIssue[];
}

function attribute<R extends SeriesReport>(reports: readonly R[]): Attribution<R> {
  const issues: SeriesIssue[] = [];
  const entries: Entry<R>[] = [];
  reports.forEach((report, index) => {
    const start = Date.parse(report.periodStart);
    const end = Date.parse(report.periodEnd);
    if (!(end > start)) {
      issues.push({
        kind: 'invalid-period',
        message: '统计截止时间不晚于开始时间，未计入',
        reports: [{ index, id: report.id ?? null, periodStart: report.periodStart, periodEnd: report.periodEnd }],
      });
      return;
    }
    const date = beijingEndDate(end);
    entries.push({
      index,
      report,
      start,
      end,
      date,
      crossesMidnight: start < Date.parse(beijingDayStart(date)),
      overlapping: false,
      containedIn: null,
    });
  });

  // Overlaps: sweep by start (the longer period first on the same start), comparing each report
  // with every earlier one still open at its start. An earlier one that overlaps starts no later,
  // so it contains the report when it also ends no earlier.
  const byStart = [...entries].sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index);
  let open: Entry<R>[] = [];
  for (const e of byStart) {
    open = open.filter((o) => o.end > e.start);
    for (const o of open) {
      const relation = overlapOfMs(o.start, o.end, e.start, e.end);
      if (relation === 'contains' && o.date === e.date) {
        e.containedIn ??= o;
      } else {
        o.overlapping = true;
        e.overlapping = true;
        issues.push({ kind: 'overlap', message: '两期通报的统计时段重叠，重叠涉及的日期不计新增数', reports: [ref(o), ref(e)] });
      }
    }
    open.push(e);
  }

  entries.sort((a, b) => a.end - b.end || a.index - b.index);
  const byDate = new Map<string, Entry<R>[]>();
  for (const e of entries) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const dates: string[] = [];
  if (entries.length > 0) {
    const last = entries[entries.length - 1]!.date;
    for (let d = entries.reduce((min, e) => (e.date < min ? e.date : min), last); d <= last; d = nextBeijingDate(d)) dates.push(d);
  }
  return { entries, byDate, dates, issues };
}

/**
 * The reports whose new counts make up a day: those attributed to it and not nested in another.
 * None when any report attributed to the day overlaps another other than nested.
 */
function countedOn<R extends SeriesReport>(attributed: readonly Entry<R>[]): { counted: boolean; entries: Entry<R>[] } {
  const entries = attributed.filter((e) => !e.containedIn);
  return { counted: entries.length > 0 && !attributed.some((e) => e.overlapping), entries };
}

/** Whether the periods cover the whole day without a gap. */
function coversDay(date: string, periods: ReadonlyArray<Entry<SeriesReport>>): boolean {
  const from = Date.parse(beijingDayStart(date));
  let cursor = from;
  for (const p of [...periods].sort((a, b) => a.start - b.start)) {
    if (Math.max(p.start, from) > cursor) return false;
    cursor = Math.max(cursor, p.end);
  }
  return cursor >= Date.parse(beijingDayEnd(date));
}

/** Walks the reports by end, giving for each day the last stated value at or before its end. */
function cumulativeWalker<R extends SeriesReport>(entries: Entry<R>[], pick: (r: R) => number | null) {
  const stated = entries.filter((e) => pick(e.report) !== null);
  let i = -1;
  return (date: string): Entry<R> | null => {
    const dayEnd = Date.parse(beijingDayEnd(date));
    while (i + 1 < stated.length && stated[i + 1]!.end <= dayEnd) i += 1;
    return i >= 0 ? stated[i]! : null;
  };
}

/** A new count of the report's own period: null when not stated, or stated for a period of its own. */
function ownCount(r: SeriesReport, key: 'newConfirmed' | 'newAsymptomatic' | 'reclassifiedConfirmed'): number | null {
  if (r.figurePeriods?.some((p) => p.figure === key)) return null;
  return r[key] ?? null;
}

/** Cases reclassified in the report's period; none stated counts as none (they are part of new confirmed). */
const reclassifiedOf = (r: SeriesReport) => ownCount(r, 'reclassifiedConfirmed') ?? 0;

/** New confirmed cases as the official total counts them: those reclassified included. */
function newConfirmedOf(r: SeriesReport): number | null {
  const own = ownCount(r, 'newConfirmed');
  return own === null ? null : own + reclassifiedOf(r);
}

/** The sum of a count over the reports; null when any of them does not state it. */
function sumStated<R extends SeriesReport>(entries: readonly Entry<R>[], pick: (r: R) => number | null): number | null {
  let total = 0;
  for (const e of entries) {
    const v = pick(e.report);
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** Per-day new and cumulative counts for the whole city; see the file comment for the rules. */
export function dailySeries(reports: readonly SeriesReport[]): DailySeries {
  const { entries, byDate, dates, issues } = attribute(reports);

  // Reports ending at the same instant must agree on the cumulative counts; a rise must not fall,
  // except that cumulative asymptomatic loses the cases reclassified as confirmed in between.
  const conflicting = { confirmed: new Set<number>(), asymptomatic: new Set<number>() };
  for (const [label, pick, ends, leaving] of [
    ['累计确诊', (r: SeriesReport) => r.cumulativeConfirmed, conflicting.confirmed, () => 0],
    ['累计无症状感染者', (r: SeriesReport) => r.cumulativeAsymptomatic, conflicting.asymptomatic, reclassifiedOf],
  ] as const) {
    let previous: Entry<SeriesReport> | null = null;
    let left = 0;
    for (const e of entries) {
      // A nested report's reclassified cases are among those of the report containing it.
      if (!e.containedIn) left += leaving(e.report);
      const value = pick(e.report);
      if (value === null) continue;
      if (previous) {
        const before = pick(previous.report)!;
        if (previous.end === e.end && before !== value) {
          ends.add(e.end);
          issues.push({
            kind: 'cumulative-conflict',
            message: `同一时刻的${label}数不一致：${before}、${value}`,
            reports: [ref(previous), ref(e)],
          });
        } else if (value < before - left) {
          issues.push({ kind: 'cumulative-decrease', message: `${label}从 ${before} 减少到 ${value}`, reports: [ref(previous), ref(e)] });
        }
      }
      previous = e;
      left = 0;
    }
  }

  const confirmedAt = cumulativeWalker(entries, (r) => r.cumulativeConfirmed);
  const asymptomaticAt = cumulativeWalker(entries, (r) => r.cumulativeAsymptomatic);
  const days = dates.map((date): SeriesDay => {
    const attributed = byDate.get(date) ?? [];
    const { counted, entries: counting } = countedOn(attributed);
    const sum = (pick: (r: SeriesReport) => number | null) => (counted ? sumStated(counting, pick) : null);
    const c = confirmedAt(date);
    const a = asymptomaticAt(date);
    const newConfirmed = sum(newConfirmedOf);
    const asOf = [c, a].reduce<Entry<SeriesReport> | null>((x, y) => (y && (!x || y.end > x.end) ? y : x), null);
    return {
      date,
      newConfirmed,
      // Part of new confirmed: unknown when that is.
      reclassifiedConfirmed: newConfirmed === null ? null : sum(reclassifiedOf),
      newAsymptomatic: sum((r) => ownCount(r, 'newAsymptomatic')),
      cumulativeConfirmed: c && !conflicting.confirmed.has(c.end) ? c.report.cumulativeConfirmed : null,
      cumulativeAsymptomatic: a && !conflicting.asymptomatic.has(a.end) ? a.report.cumulativeAsymptomatic : null,
      cumulativeAsOf: asOf ? asOf.report.periodEnd : null,
      complete: counted && coversDay(date, counting),
      approximate: counting.some((e) => e.crossesMidnight),
      periods: counting.map((e) => ({ periodStart: e.report.periodStart, periodEnd: e.report.periodEnd })),
    };
  });
  return { days, issues };
}

/**
 * Per-district daily series from the reports' district rows, on the same days and rules as
 * `dailySeries`. A report without district rows says nothing about any district (null). A report
 * with rows says 0 for an unlisted district only when its rows add up to its total; otherwise
 * the unlisted districts are unknown (null). A day is null when any of its reports is unknown.
 */
export function districtDailySeries(reports: readonly SeriesReport[], districtCodes?: readonly string[]): DistrictDailySeries {
  const { entries, byDate, dates, issues } = attribute(reports);
  const codes = districtCodes ?? [...new Set(reports.flatMap((r) => (r.districts ?? []).map((d) => d.districtCode)))].sort();

  type Pick = 'newConfirmed' | 'newAsymptomatic';
  const contribution = (r: SeriesReport, code: string, pick: Pick): number | null => {
    const rows = r.districts ?? [];
    if (rows.length === 0) return null;
    const row = rows.find((d) => d.districtCode === code);
    if (row) return row[pick];
    const total = ownCount(r, pick);
    if (total === null || rows.some((d) => d[pick] === null)) return null;
    return rows.reduce((s, d) => s + d[pick]!, 0) === total ? 0 : null;
  };

  const districts = codes.map((code) => {
    const rowOf = (r: SeriesReport) => r.districts?.find((d) => d.districtCode === code);
    const confirmedAt = cumulativeWalker(entries, (r) => rowOf(r)?.cumulativeConfirmed ?? null);
    const asymptomaticAt = cumulativeWalker(entries, (r) => rowOf(r)?.cumulativeAsymptomatic ?? null);
    const days = dates.map((date): DistrictSeriesDay => {
      const attributed = byDate.get(date) ?? [];
      const { counted, entries: counting } = countedOn(attributed);
      const sum = (pick: Pick) => {
        if (!counted) return null;
        let total = 0;
        for (const e of counting) {
          const v = contribution(e.report, code, pick);
          if (v === null) return null;
          total += v;
        }
        return total;
      };
      const c = confirmedAt(date);
      const a = asymptomaticAt(date);
      const newConfirmed = sum('newConfirmed');
      const newAsymptomatic = sum('newAsymptomatic');
      return {
        date,
        newConfirmed,
        newAsymptomatic,
        cumulativeConfirmed: c ? rowOf(c.report)!.cumulativeConfirmed! : null,
        cumulativeAsymptomatic: a ? rowOf(a.report)!.cumulativeAsymptomatic! : null,
        complete: newConfirmed !== null && newAsymptomatic !== null && coversDay(date, counting),
        approximate: counting.some((e) => e.crossesMidnight),
      };
    });
    return { districtCode: code, days };
  });
  return { districts, issues };
}
