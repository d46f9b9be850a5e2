// Reports, testing rounds and isolation snapshots as the public API returns them, for the unit
// tests of the figures pages' logic. Times may be given with an offset; they are stored in UTC.
import type { IsolationSnapshot, Report, TestingRound } from '@epi/core';
import { DISTRICTS } from './zones.ts';

export { DISTRICTS };

type Correction = { field: string; oldValue: number | null; newValue: number | null; reason: string; correctedAt: string };

let nextId = 1;
const utc = (s: string) => new Date(s).toISOString();

/** A published report over [start, end) with the given figures; cumulative counts default to 0. */
export function report(
  start: string,
  end: string,
  figures: Partial<Omit<Report, 'periodStart' | 'periodEnd' | 'corrections'>> & { corrections?: Correction[] } = {},
): Report {
  const { corrections = [], ...rest } = figures;
  return {
    id: `r-${nextId++}`,
    periodStart: utc(start),
    periodEnd: utc(end),
    newConfirmed: 0,
    newAsymptomatic: 0,
    reclassifiedConfirmed: null,
    newDischarged: null,
    newDeaths: null,
    cumulativeConfirmed: 0,
    cumulativeAsymptomatic: 0,
    cumulativeDischarged: null,
    cumulativeDeaths: null,
    cumulativeReleased: null,
    combinedTotal: null,
    underTreatment: null,
    underObservation: null,
    figurePeriods: [],
    reconciliationNote: null,
    source: null,
    status: 'published',
    version: 1,
    createdAt: utc(end),
    publishedAt: utc(new Date(new Date(end).getTime() + 3_600_000).toISOString()),
    districts: [],
    ...rest,
    // Typed loosely so that the tests run whether or not the API's Report has `corrections` yet.
    ...({ corrections: corrections.map((c) => ({ ...c, correctedAt: utc(c.correctedAt) })) } as object),
  } as Report;
}

export function round(number: number, peopleTested: number, positives: number, extra: Partial<TestingRound> = {}): TestingRound {
  return {
    id: `round-${number}`,
    number,
    stage: 'final',
    asOf: null,
    startedAt: null,
    completedAt: null,
    collectionPoints: null,
    peopleSampled: null,
    peopleSent: null,
    resultsOut: null,
    peopleTested,
    positives,
    summary: null,
    status: 'published',
    version: 1,
    publishedAt: '2021-01-15T04:00:00.000Z',
    districts: [],
    ...extra,
  } as TestingRound;
}

export function snapshot(
  asOf: string,
  sites: number,
  rooms: number,
  people: number,
  extra: Partial<IsolationSnapshot> = {},
): IsolationSnapshot {
  return {
    id: `snapshot-${nextId++}`,
    asOf: utc(asOf),
    sites,
    rooms,
    people,
    closeContacts: null,
    secondaryContacts: null,
    status: 'published',
    version: 1,
    publishedAt: utc(asOf),
    transfers: [],
    ...extra,
  } as IsolationSnapshot;
}
