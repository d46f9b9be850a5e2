// What the tests enter: figures as the city published them in January 2021 (石家庄日报, 1月16日),
// a testing round and the zone they start from.
import { DEMO_REPORT } from '../demo/data.ts';
import type { ReportInput } from '../report/schema.ts';
import type { TestingRoundInput } from '../testing-round/testing-round.ts';
import type { CreateZoneInput } from '../zone/schema.ts';

function withoutSource({ source: _source, ...figures }: ReportInput): ReportInput {
  return figures;
}

/** 1月14日0—24时: the full-day bulletin before the 11th press conference. */
export const JAN14_REPORT: ReportInput = {
  periodStart: '2021-01-14T00:00:00+08:00',
  periodEnd: '2021-01-15T00:00:00+08:00',
  newConfirmed: 90,
  newAsymptomatic: 20,
  cumulativeConfirmed: 531,
  cumulativeAsymptomatic: 203,
};

/** 1月15日0—12时: the figures announced at the 11th press conference (the demo data's report, without its source text). */
export const JAN15_NOON_REPORT: ReportInput = withoutSource(DEMO_REPORT);

/** 1月15日0—24时: the full-day bulletin of the day whose first half JAN15_NOON_REPORT gave. */
export const JAN15_REPORT: ReportInput = {
  periodStart: '2021-01-15T00:00:00+08:00',
  periodEnd: '2021-01-16T00:00:00+08:00',
  newConfirmed: 90,
  newAsymptomatic: 15,
  cumulativeConfirmed: 621,
  cumulativeAsymptomatic: 218,
};

/** 1月16日0—24时. */
export const JAN16_REPORT: ReportInput = {
  periodStart: '2021-01-16T00:00:00+08:00',
  periodEnd: '2021-01-17T00:00:00+08:00',
  newConfirmed: 20,
  newAsymptomatic: 2,
  cumulativeConfirmed: 641,
  cumulativeAsymptomatic: 220,
};

/** A third city-wide testing round, 16—17 January (figures made up), with a district that had positives and one that had none. */
export const THIRD_ROUND: TestingRoundInput = {
  number: 3,
  startedAt: '2021-01-16T07:00:00+08:00',
  completedAt: '2021-01-17T18:00:00+08:00',
  collectionPoints: 12_000,
  peopleTested: 10_000_000,
  positives: 12,
  districts: [
    { districtCode: '130109', positives: 10 },
    { districtCode: '130107', noSpread: true },
  ],
};

/** 藁城区增村镇小果庄村, high risk from 1月5日0时: the zone most zone tests start from. */
export const VILLAGE_ZONE: CreateZoneInput = {
  districtCode: '130109',
  name: '增村镇小果庄村',
  kind: 'village',
  levelId: 'risk-2021.high',
  effectiveAt: '2021-01-05T00:00:00+08:00',
  notice: '风险等级调整公告',
};

/** The error a promise fails with, or null when it succeeds. */
export const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
