// The figures dashboard's data: the daily series of the published reports (attribution rules in
// @epi/core's dailySeries), the window the charts show, months for the older days, and the
// per-district figures of the latest report.
import {
  dailySeries,
  formatPeriod,
  type District,
  type IsolationSnapshot,
  type Report,
  type SeriesDay,
  type TestingRound,
} from '@epi/core';
import { t } from '../i18n/index.ts';
import { correctionsOf } from './corrections.ts';
import { formatNumber } from './format.ts';

/** Days the dashboard's curves show; older days are on the month pages and in the data files. */
export const CURVE_DAYS = 60;

export interface FigureDay extends SeriesDay {
  /** A report counted on this day has a correction. */
  corrected: boolean;
}

const periodKey = (start: string, end: string) => `${new Date(start).getTime()}|${new Date(end).getTime()}`;

/** The daily series of the reports (any order), oldest day first. */
export function figureDays(reports: readonly Report[]): FigureDay[] {
  const corrected = new Set(reports.filter((r) => correctionsOf(r).length > 0).map((r) => periodKey(r.periodStart, r.periodEnd)));
  return dailySeries(reports).days.map((d) => ({
    ...d,
    corrected: d.periods.some((p) => corrected.has(periodKey(p.periodStart, p.periodEnd))),
  }));
}

/** The last `n` days of a series. */
export function lastDays<D>(days: readonly D[], n: number = CURVE_DAYS): D[] {
  return days.slice(Math.max(0, days.length - n));
}

/** The periods counted on a day, in the official phrasing, joined: '1月15日0—12时、1月15日12—24时'. */
export function periodsLabel(day: SeriesDay): string {
  return day.periods.map((p) => formatPeriod(p.periodStart, p.periodEnd)).join(t.common.listSeparator);
}

/** What the table's note column says about a day; empty for a whole, plainly attributed day. */
export function dayNote(day: FigureDay): string {
  const notes: string[] = [];
  if (day.periods.length === 0) notes.push(t.figures.noteMissing);
  else if (day.newConfirmed === null) notes.push(t.figures.noteOverlap);
  if (day.periods.length > 0) {
    if (day.approximate) notes.push(t.figures.noteApproximate(periodsLabel(day)));
    else if (!day.complete) notes.push(t.figures.noteIncomplete(periodsLabel(day)));
  }
  if (day.reclassifiedConfirmed) notes.push(t.figures.noteReclassified(formatNumber(day.reclassifiedConfirmed)));
  return notes.join('；');
}

/** 'YYYY-MM' of every month with days, newest first, with its number of days that have reports. */
export function seriesMonths(days: readonly SeriesDay[]): Array<{ month: string; reported: number }> {
  const months = new Map<string, number>();
  for (const d of days) {
    const m = d.date.slice(0, 7);
    months.set(m, (months.get(m) ?? 0) + (d.periods.length > 0 ? 1 : 0));
  }
  return [...months].map(([month, reported]) => ({ month, reported })).sort((a, b) => (a.month < b.month ? 1 : -1));
}

/** The days of one month. */
export function monthDays<D extends { date: string }>(days: readonly D[], month: string): D[] {
  return days.filter((d) => d.date.startsWith(`${month}-`));
}

/** '2021-01-15' → '1月15日'. */
export function dayLabel(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** '2021-01-15' → '2021年1月15日'. */
export function fullDayLabel(date: string): string {
  const [y] = date.split('-');
  return `${y}年${dayLabel(date)}`;
}

/** A chart's date range: '2021年1月2日至2021年1月15日'. */
export function rangeLabel(dates: readonly string[]): string {
  if (dates.length === 0) return '';
  return t.figures.range(fullDayLabel(dates[0]!), fullDayLabel(dates[dates.length - 1]!));
}

// ---- districts ---------------------------------------------------------------------------------

export interface DistrictFigure {
  code: string;
  name: string;
  /** The short name ('高新区'), for chart labels. */
  shortName: string;
  /** The latest report's row for the district, if it has one. */
  /** The latest report's row for the district; a count it did not state is null. */
  latest: { newConfirmed: number | null; newAsymptomatic: number | null } | null;
  /** The latest stated cumulative counts, and the report stating each (for its corrections). */
  cumulativeConfirmed: { value: number; report: Report } | null;
  cumulativeAsymptomatic: { value: number; report: Report } | null;
}

/**
 * Per-district figures: the latest report's rows, and each district's cumulative counts from the
 * latest report that states them ("where available"). Districts with neither are left out; the
 * order is the official one.
 */
export function districtFigures(reports: readonly Report[], districts: readonly District[]): DistrictFigure[] {
  const byEnd = [...reports].sort((a, b) => new Date(b.periodEnd).getTime() - new Date(a.periodEnd).getTime());
  const latest = byEnd[0];
  if (!latest) return [];
  const order = new Map(districts.map((d, i) => [d.code, i]));
  const names = new Map(districts.map((d) => [d.code, d]));
  const codes = new Set<string>();
  for (const r of byEnd) for (const row of r.districts) codes.add(row.districtCode);
  const stated = (code: string, pick: 'cumulativeConfirmed' | 'cumulativeAsymptomatic') => {
    for (const r of byEnd) {
      const v = r.districts.find((d) => d.districtCode === code)?.[pick];
      if (v !== null && v !== undefined) return { value: v, report: r };
    }
    return null;
  };
  return [...codes]
    .map((code): DistrictFigure => {
      const row = latest.districts.find((d) => d.districtCode === code) ?? null;
      return {
        code,
        name: row?.districtName ?? names.get(code)?.name ?? code,
        shortName: names.get(code)?.shortName ?? row?.districtName ?? code,
        latest: row ? { newConfirmed: row.newConfirmed, newAsymptomatic: row.newAsymptomatic } : null,
        cumulativeConfirmed: stated(code, 'cumulativeConfirmed'),
        cumulativeAsymptomatic: stated(code, 'cumulativeAsymptomatic'),
      };
    })
    .filter((d) => d.latest || d.cumulativeConfirmed || d.cumulativeAsymptomatic)
    .sort((a, b) => (order.get(a.code) ?? 999) - (order.get(b.code) ?? 999));
}

// ---- isolation ---------------------------------------------------------------------------------

/** Snapshots within `n` days of the latest one, oldest first. */
export function recentSnapshots(snapshots: readonly IsolationSnapshot[], n: number = CURVE_DAYS): IsolationSnapshot[] {
  if (snapshots.length === 0) return [];
  const sorted = [...snapshots].sort((a, b) => new Date(a.asOf).getTime() - new Date(b.asOf).getTime());
  const last = new Date(sorted[sorted.length - 1]!.asOf).getTime();
  return sorted.filter((s) => last - new Date(s.asOf).getTime() < n * 86_400_000);
}

// ---- testing rounds ----------------------------------------------------------------------------

/**
 * The figures that stand for each round: its final figures once it has ended, else its latest
 * progress; highest round first. The progress before stays on the testing page.
 */
export function latestPerRound(rounds: readonly TestingRound[]): TestingRound[] {
  const byNumber = new Map<number, TestingRound>();
  for (const r of rounds) {
    const held = byNumber.get(r.number);
    const later = !held || (held.stage !== 'final' && (r.stage === 'final' || (r.asOf ?? '') > (held.asOf ?? '')));
    if (later) byNumber.set(r.number, r);
  }
  return [...byNumber.values()].sort((a, b) => b.number - a.number);
}
