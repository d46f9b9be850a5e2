// Corrections of published figures, shown where the figure appears: the current value marked
// "（已更正）" and, next to it, what it was, why it changed and when.
//
// A record's `corrections` (field, oldValue, newValue, reason, correctedAt) is read defensively:
// records published before corrections existed have none, and a field may be named in either
// case style ('newConfirmed', 'new_confirmed'), or name a district row ('districts.130109.newConfirmed',
// or a separate districtCode).
import type { FigureCorrection, IsolationSnapshot, Report, TestingRound } from '@epi/core';
import { t } from '../i18n/index.ts';
import { formatDateTime, formatNumber } from './format.ts';

/** A correction as recorded (`FigureCorrection` of `@epi/core`), placed: the figure it changes and the district row it is in. */
export interface PlacedCorrection extends FigureCorrection {
  /** The figure it changes, normalised ('newconfirmed'); see `figureKey`. */
  figure: string;
  /** The district row it changes; null for a city-wide figure. */
  districtCode: string | null;
}

/** 'newConfirmed', 'new_confirmed', 'new-confirmed' → 'newconfirmed'. */
export function figureKey(field: string): string {
  return field.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const DISTRICT_CODE = /(?:^|[^0-9])(\d{6})(?:[^0-9]|$)/;

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

function count(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The corrections a record carries, oldest first; none when it has no `corrections`. */
export function correctionsOf(record: object): PlacedCorrection[] {
  const raw = (record as { corrections?: unknown }).corrections;
  if (!Array.isArray(raw)) return [];
  const out: PlacedCorrection[] = [];
  for (const item of raw as Array<Record<string, unknown>>) {
    if (!item || typeof item !== 'object') continue;
    const field = text(item.field);
    const correctedAt = text(item.correctedAt);
    if (!field || !correctedAt) continue;
    const explicitDistrict = text(item.districtCode);
    const inField = DISTRICT_CODE.exec(field)?.[1] ?? null;
    const last =
      field
        .split(/[.[\]/:]+/)
        .filter(Boolean)
        .pop() ?? field;
    out.push({
      field,
      label: text(item.label) ?? field,
      figure: figureKey(last),
      districtCode: explicitDistrict ?? inField,
      oldValue: count(item.oldValue),
      newValue: count(item.newValue),
      reason: text(item.reason) ?? '',
      correctedAt,
    });
  }
  return out.sort((a, b) => (a.correctedAt < b.correctedAt ? -1 : a.correctedAt > b.correctedAt ? 1 : 0));
}

/** The corrections of one figure of a record (city-wide unless a district is named), oldest first. */
export function correctionsFor(record: object, figure: string, districtCode: string | null = null): PlacedCorrection[] {
  const key = figureKey(figure);
  return correctionsOf(record).filter((c) => c.figure === key && c.districtCode === districtCode);
}

/** A stored value as shown: numbers grouped ('1,234'), with the figure's unit when given; empty as '—'. */
export function formatStoredValue(value: number | string | null, unit?: (n: string) => string): string {
  if (value === null || String(value).trim() === '') return t.common.none;
  const v = String(value).trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) {
    const n = formatNumber(Number(v));
    return unit ? unit(n) : n;
  }
  return v;
}

/** '原为 40例，更正原因：…，更正时间：2021年1月16日 09:00' — old value, reason and time, all three. */
export function correctionNote(c: PlacedCorrection, unit?: (n: string) => string): string {
  return t.corrections.note(formatStoredValue(c.oldValue, unit), c.reason || t.common.none, formatDateTime(c.correctedAt));
}

export interface CorrectedFigure {
  corrected: boolean;
  /** One note per correction, oldest first. */
  notes: string[];
  /** The latest correction time, or null. */
  lastCorrectedAt: string | null;
}

/** How a figure is shown: whether to mark it and the notes to put next to it. */
export function correctedFigure(
  record: object,
  figure: string,
  districtCode: string | null = null,
  unit?: (n: string) => string,
): CorrectedFigure {
  const list = correctionsFor(record, figure, districtCode);
  return {
    corrected: list.length > 0,
    notes: list.map((c) => correctionNote(c, unit)),
    lastCorrectedAt: list.length > 0 ? list[list.length - 1]!.correctedAt : null,
  };
}

/** The latest correction of a record, or null. */
export function lastCorrectedAt(record: object): string | null {
  const list = correctionsOf(record);
  return list.length > 0 ? list[list.length - 1]!.correctedAt : null;
}

/** Labels of corrected figures by their normalised key; a key not listed shows as recorded. */
function figureLabels(): Record<string, string> {
  return {
    periodstart: t.report.periodStart,
    periodend: t.report.periodEnd,
    newconfirmed: t.report.newConfirmed,
    newasymptomatic: t.report.newAsymptomatic,
    reclassifiedconfirmed: t.report.reclassifiedConfirmed,
    newdischarged: t.report.newDischarged,
    newdeaths: t.report.newDeaths,
    cumulativeconfirmed: t.report.cumulativeConfirmed,
    cumulativeasymptomatic: t.report.cumulativeAsymptomatic,
    undertreatment: t.report.underTreatment,
    underobservation: t.report.underObservation,
    source: t.report.source,
    peopletested: t.testing.peopleTested,
    peoplesampled: t.testing.peopleSampled,
    positives: t.testing.positives,
    collectionpoints: t.testing.collectionPoints,
    sites: t.isolation.sites,
    rooms: t.isolation.rooms,
    people: t.isolation.people,
    closecontacts: t.isolation.closeContacts,
    secondarycontacts: t.isolation.secondaryContacts,
  };
}

/** What a correction changed, in words ('新增确诊病例', '藁城区新增确诊病例'). */
export function figureLabel(c: PlacedCorrection, districtName?: string | null): string {
  // People transferred from a district ('transfers.130109.people'), not the city's people in isolation.
  const label = c.field.startsWith('transfers.') && c.figure === 'people' ? t.isolation.transferred : (figureLabels()[c.figure] ?? c.field);
  return c.districtCode ? `${districtName ?? c.districtCode}${label}` : label;
}

const CASE_FIGURES = new Set([
  'newconfirmed',
  'newasymptomatic',
  'reclassifiedconfirmed',
  'newdischarged',
  'newdeaths',
  'cumulativeconfirmed',
  'cumulativeasymptomatic',
  'undertreatment',
  'positives',
]);
const PEOPLE_FIGURES = new Set(['underobservation', 'peopletested', 'peoplesampled', 'people', 'closecontacts', 'secondarycontacts']);

/** The unit of a figure's values: cases for case counts, people for people. */
export function figureUnit(figure: string): ((n: string) => string) | undefined {
  const key = figureKey(figure);
  if (CASE_FIGURES.has(key)) return t.common.cases;
  if (PEOPLE_FIGURES.has(key)) return t.common.people;
  if (key === 'rooms') return t.common.rooms;
  if (key === 'sites') return t.common.sites;
  if (key === 'collectionpoints') return t.common.points;
  return undefined;
}

export type CorrectedEntity =
  | { type: 'report'; report: Report }
  | { type: 'testing_round'; round: TestingRound }
  | { type: 'isolation_snapshot'; snapshot: IsolationSnapshot };

export interface ListedCorrection {
  correction: PlacedCorrection;
  entity: CorrectedEntity;
  /** The entity's id. */
  entityId: string;
  /** A stable id, made of the entity, field and time. */
  id: string;
}

export interface CorrectionSources {
  reports: readonly Report[];
  testingRounds?: readonly TestingRound[];
  isolationSnapshots?: readonly IsolationSnapshot[];
}

/** Every correction of every published record, newest first (the /corrections/ page and data file). */
export function allCorrections({ reports, testingRounds = [], isolationSnapshots = [] }: CorrectionSources): ListedCorrection[] {
  const entities: Array<{ entity: CorrectedEntity; id: string; record: object }> = [
    ...reports.map((report) => ({ entity: { type: 'report' as const, report }, id: report.id, record: report })),
    ...testingRounds.map((round) => ({ entity: { type: 'testing_round' as const, round }, id: round.id, record: round })),
    ...isolationSnapshots.map((snapshot) => ({
      entity: { type: 'isolation_snapshot' as const, snapshot },
      id: snapshot.id,
      record: snapshot,
    })),
  ];
  return entities
    .flatMap(({ entity, id, record }) =>
      correctionsOf(record).map((correction) => ({
        correction,
        entity,
        entityId: id,
        id: `${id}:${correction.field}:${correction.correctedAt}`,
      })),
    )
    .sort((a, b) =>
      a.correction.correctedAt < b.correction.correctedAt ? 1 : a.correction.correctedAt > b.correction.correctedAt ? -1 : 0,
    );
}
