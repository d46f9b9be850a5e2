// Where reports are shown: one page per month of period ends (Beijing time), so that a year of
// twice-daily reports stays a set of pages of readable size; /reports/ holds the latest few.
import { beijingEndDate, type Report } from '@epi/core';

/** Reports shown in full on /reports/; older ones are on their month page. */
export const RECENT_REPORTS = 10;

/** 'YYYY-MM' of the Beijing day a report's period ends in (an end at 24时 closes that day). */
export function reportMonth(report: Pick<Report, 'periodEnd'>): string {
  return beijingEndDate(report.periodEnd).slice(0, 7);
}

/** The permanent address of a report's figures. */
export function reportHref(report: Pick<Report, 'id' | 'periodEnd'>): string {
  return `/reports/${reportMonth(report)}/#report-${report.id}`;
}

/** Reports grouped by month, newest month first, each month's reports in the given order. */
export function reportsByMonth<R extends Pick<Report, 'periodEnd'>>(reports: readonly R[]): Array<{ month: string; reports: R[] }> {
  const months = new Map<string, R[]>();
  for (const r of reports) {
    const m = reportMonth(r);
    const list = months.get(m);
    if (list) list.push(r);
    else months.set(m, [r]);
  }
  return [...months].map(([month, list]) => ({ month, reports: list })).sort((a, b) => (a.month < b.month ? 1 : -1));
}
