// Which published figures of a record a list of facts shows, in order: each with its label and
// unit. A figure that is not always announced is `optional`: left out while it has no value, unless
// a correction says it had one.
import type { IsolationSnapshot, TestingRound } from '@epi/core';
import { t } from '../i18n/index.ts';
import { correctedFigure } from './corrections.ts';

/** The fields of a record that hold a count (possibly not announced). */
export type CountField<R> = { [K in keyof R & string]: R[K] extends number | null ? K : never }[keyof R & string];

export interface FigureFactSpec<R> {
  figure: CountField<R>;
  label: string;
  unit: (n: string) => string;
  optional?: boolean;
}

/** The figures of the list that are shown, each with its current value. */
export function shownFigures<R extends object>(record: R, figures: readonly FigureFactSpec<R>[]) {
  return figures
    .map((spec) => ({ ...spec, value: record[spec.figure] as number | null }))
    .filter((f) => !f.optional || f.value !== null || correctedFigure(record, f.figure).corrected);
}

/** The figures of an isolation snapshot, on the isolation page and wherever a press conference announced one. */
export const ISOLATION_FIGURES: readonly FigureFactSpec<IsolationSnapshot>[] = [
  { figure: 'sites', label: t.isolation.sites, unit: t.common.sites },
  { figure: 'rooms', label: t.isolation.rooms, unit: t.common.rooms },
  { figure: 'people', label: t.isolation.people, unit: t.common.people },
  { figure: 'closeContacts', label: t.isolation.closeContacts, unit: t.common.people, optional: true },
  { figure: 'secondaryContacts', label: t.isolation.secondaryContacts, unit: t.common.people, optional: true },
];

/** The figures of a testing round on the testing page (the collection points always, stated or not). */
export const TESTING_FIGURES: readonly FigureFactSpec<TestingRound>[] = [
  { figure: 'collectionPoints', label: t.testing.collectionPoints, unit: t.common.points },
  { figure: 'peopleSampled', label: t.testing.peopleSampled, unit: t.common.people, optional: true },
  { figure: 'peopleSent', label: t.testing.peopleSent, unit: t.common.people, optional: true },
  { figure: 'resultsOut', label: t.testing.resultsOut, unit: t.common.people, optional: true },
  { figure: 'peopleTested', label: t.testing.peopleTested, unit: t.common.people },
  { figure: 'positives', label: t.testing.positives, unit: t.common.cases },
];

/** The figures of a testing round a press conference announced. */
export const ANNOUNCED_TESTING_FIGURES: readonly FigureFactSpec<TestingRound>[] = [
  { figure: 'collectionPoints', label: t.testing.collectionPoints, unit: t.common.points, optional: true },
  { figure: 'peopleTested', label: t.testing.peopleTested, unit: t.common.people },
  { figure: 'positives', label: t.testing.positives, unit: t.common.cases },
];
