// The figures of each kind, with their labels, and how one compares with the previous published one.
// Browser-safe: the review screen and the correction form list the same fields as the server.

export interface FigureDefinition<K extends string = string> {
  key: K;
  label: string;
  /** A running total: it cannot fall from one report to the next. */
  cumulative?: boolean;
}

// Every figure of a report may be "not stated" (null), distinct from 0: bulletins state some
// figures one day and not the next. Current figures (the state at the period's end: 现有确诊,
// 现有无症状) are kept apart from cumulative ones, which add up from the start of the outbreak.
export const REPORT_FIGURES = [
  { key: 'newConfirmed', label: '新增确诊' },
  { key: 'newAsymptomatic', label: '新增无症状' },
  { key: 'reclassifiedConfirmed', label: '无症状转确诊' },
  { key: 'newDischarged', label: '新增出院' },
  { key: 'newDeaths', label: '新增死亡' },
  { key: 'cumulativeConfirmed', label: '累计确诊', cumulative: true },
  // Not marked cumulative: reclassification moves people out of it.
  { key: 'cumulativeAsymptomatic', label: '累计无症状' },
  { key: 'cumulativeDischarged', label: '累计出院', cumulative: true },
  { key: 'cumulativeDeaths', label: '累计死亡', cumulative: true },
  { key: 'cumulativeReleased', label: '累计解除医学观察', cumulative: true },
  { key: 'combinedTotal', label: '确诊和无症状合计' },
  { key: 'underTreatment', label: '现有确诊（在院治疗）' },
  { key: 'underObservation', label: '现有无症状（医学观察）' },
] as const satisfies readonly FigureDefinition[];
export type ReportFigure = (typeof REPORT_FIGURES)[number]['key'];
export const REPORT_FIGURE_KEYS = REPORT_FIGURES.map((f) => f.key) as [ReportFigure, ...ReportFigure[]];
/** Figures a report must have: none, since any may go unstated; a report states at least one. */
export const REQUIRED_REPORT_FIGURES: readonly ReportFigure[] = [];
/** Current figures: the state at the period's end (in hospital, under observation), which rise and fall. */
export const REPORT_CURRENT_FIGURES: readonly ReportFigure[] = ['underTreatment', 'underObservation'];
/** Figures counted over a report's period; the others are totals and the state at its end. */
export const REPORT_PERIOD_FIGURES: readonly ReportFigure[] = [
  'newConfirmed',
  'newAsymptomatic',
  'reclassifiedConfirmed',
  'newDischarged',
  'newDeaths',
];

export const TESTING_ROUND_FIGURES = [
  { key: 'collectionPoints', label: '采样点' },
  { key: 'peopleSampled', label: '采样人数' },
  { key: 'peopleSent', label: '送检人数' },
  { key: 'resultsOut', label: '已出结果人数' },
  { key: 'peopleTested', label: '检测人数' },
  { key: 'positives', label: '阳性' },
] as const satisfies readonly FigureDefinition[];

export const ISOLATION_FIGURES = [
  { key: 'sites', label: '隔离场所' },
  { key: 'rooms', label: '隔离房间' },
  { key: 'people', label: '隔离人数' },
  { key: 'closeContacts', label: '密切接触者', cumulative: true },
  { key: 'secondaryContacts', label: '次密切接触者', cumulative: true },
] as const satisfies readonly FigureDefinition[];

const ALL_FIGURES: readonly FigureDefinition[] = [...REPORT_FIGURES, ...TESTING_ROUND_FIGURES, ...ISOLATION_FIGURES];

/** The definition of a report figure by its key (label, whether it is a running total). */
export function reportFigure(key: ReportFigure): FigureDefinition<ReportFigure> {
  return (REPORT_FIGURES as readonly FigureDefinition<ReportFigure>[]).find((f) => f.key === key)!;
}

export const FIGURE_LABELS: Record<string, string> = Object.fromEntries(ALL_FIGURES.map((f) => [f.key, f.label]));

export interface FigureDifference {
  field: string;
  label: string;
  value: number | null;
  previous: number | null;
  /** value − previous; null when either is missing. */
  difference: number | null;
  /** Why the reviewer should look twice: a running total that fell, or a change of more than half. */
  flag: 'decrease' | 'large' | null;
}

/** A change counts as large when it moves by more than half of the previous value (and by at least 10). */
export function isLargeChange(previous: number, difference: number): boolean {
  return Math.abs(difference) >= 10 && Math.abs(difference) > Math.max(previous, 1) / 2;
}

/** Compares the named figures of an item with those of the previous published one. */
export function figureDifferences(figures: readonly FigureDefinition[], value: object, previous: object | null): FigureDifference[] {
  const num = (from: object | null, key: string) => {
    const v = from ? (from as Record<string, unknown>)[key] : null;
    return typeof v === 'number' ? v : null;
  };
  return figures.map((f) => {
    const now = num(value, f.key);
    const before = num(previous, f.key);
    const difference = now !== null && before !== null ? now - before : null;
    const flag =
      difference === null ? null : f.cumulative && difference < 0 ? 'decrease' : isLargeChange(before!, difference) ? 'large' : null;
    return { field: f.key, label: f.label, value: now, previous: before, difference, flag };
  });
}

/** '+12', '−3', '0', or '—' when there is nothing to compare with. */
export function formatDifference(difference: number | null): string {
  if (difference === null) return '—';
  if (difference > 0) return `+${difference}`;
  if (difference < 0) return `−${-difference}`;
  return '0';
}
