// Figures the tests share, as the city published them in January 2021 (石家庄日报, 1月16日).
import type { ReportInput } from '../report/schema.ts';

/** 1月14日0—24时: the full-day bulletin before the 11th press conference. */
export const JAN14_REPORT: ReportInput = {
  periodStart: '2021-01-14T00:00:00+08:00',
  periodEnd: '2021-01-15T00:00:00+08:00',
  newConfirmed: 90,
  newAsymptomatic: 20,
  cumulativeConfirmed: 531,
  cumulativeAsymptomatic: 203,
};

/** 1月15日0—12时: the figures announced at the 11th press conference. */
export const JAN15_NOON_REPORT: ReportInput = {
  periodStart: '2021-01-15T00:00:00+08:00',
  periodEnd: '2021-01-15T12:00:00+08:00',
  newConfirmed: 48,
  newAsymptomatic: 10,
  cumulativeConfirmed: 579,
  cumulativeAsymptomatic: 213,
};

/** The error a promise fails with, or null when it succeeds. */
export const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
