// What can be corrected after publication, per kind of figures, and the input of a correction.
// Browser-safe: the console's correction forms check the same rules as the server.
import { z } from 'zod';
import { id, count, requiredText, version } from '../shared/zod.ts';
import { ISOLATION_FIGURES, REPORT_FIGURES, REQUIRED_REPORT_FIGURES, TESTING_ROUND_FIGURES, type FigureDefinition } from './figures.ts';

/** The kinds of published figures a correction can change. */
export const CORRECTION_ENTITY_TYPES = ['report', 'testing_round', 'isolation_snapshot'] as const;
export type CorrectionEntityType = (typeof CORRECTION_ENTITY_TYPES)[number];

export type TestingRoundFigure = (typeof TESTING_ROUND_FIGURES)[number]['key'];
export type IsolationFigure = (typeof ISOLATION_FIGURES)[number]['key'];

/**
 * What can be corrected of each kind: its figures, in the order they are shown, which of them must
 * not be empty, and the key of the item's id in the input of a correction.
 */
export const CORRECTABLE_FIGURES = {
  report: { figures: REPORT_FIGURES, required: REQUIRED_REPORT_FIGURES, idField: 'reportId' },
  testing_round: {
    figures: TESTING_ROUND_FIGURES,
    required: ['peopleTested', 'positives'] satisfies TestingRoundFigure[],
    idField: 'roundId',
  },
  isolation_snapshot: {
    figures: ISOLATION_FIGURES,
    // Each stated or not, as published: a correction may also say a figure was not stated.
    required: [] satisfies IsolationFigure[],
    idField: 'snapshotId',
  },
} as const satisfies Record<CorrectionEntityType, { figures: readonly FigureDefinition[]; required: readonly string[]; idField: string }>;

/** The keys of the figures of a kind that can be corrected. */
type CorrectableFigure<T extends CorrectionEntityType> = (typeof CORRECTABLE_FIGURES)[T]['figures'][number]['key'];

/** The definition of a correctable figure of a kind (label, whether it is a running total). */
export function correctableFigure(type: CorrectionEntityType, key: string): FigureDefinition {
  return (CORRECTABLE_FIGURES[type].figures as readonly FigureDefinition[]).find((f) => f.key === key) ?? { key, label: key };
}

/** The per-district rows of each kind whose figures can be corrected: where the rows are, and which figures. */
export const CORRECTABLE_DISTRICT_FIGURES: Record<
  CorrectionEntityType,
  { rows: 'districts' | 'transfers'; figures: readonly FigureDefinition[] }
> = {
  report: {
    rows: 'districts',
    figures: [
      { key: 'newConfirmed', label: '新增确诊' },
      { key: 'newAsymptomatic', label: '新增无症状' },
      { key: 'cumulativeConfirmed', label: '累计确诊' },
      { key: 'cumulativeAsymptomatic', label: '累计无症状' },
    ],
  },
  testing_round: {
    rows: 'districts',
    figures: [
      { key: 'peopleTested', label: '检测人数' },
      { key: 'positives', label: '阳性' },
    ],
  },
  isolation_snapshot: { rows: 'transfers', figures: [{ key: 'people', label: '转运人数' }] },
};

/** A per-district figure named by its path ('districts.130109.newConfirmed'). */
export interface DistrictFigurePath {
  rows: 'districts' | 'transfers';
  districtCode: string;
  figure: string;
}

const DISTRICT_PATH = /^(districts|transfers)\.(\d{6})\.([A-Za-z]+)$/;

/** The path of a per-district figure ('districts.130109.newConfirmed'). */
export function districtFigurePath(type: CorrectionEntityType, districtCode: string, figure: string): string {
  return `${CORRECTABLE_DISTRICT_FIGURES[type].rows}.${districtCode}.${figure}`;
}

/** The district row and figure a field names, when it names a correctable per-district figure of the kind; otherwise null. */
export function parseDistrictFigure(type: CorrectionEntityType, field: string): DistrictFigurePath | null {
  const m = DISTRICT_PATH.exec(field);
  if (!m) return null;
  const kind = CORRECTABLE_DISTRICT_FIGURES[type];
  if (m[1] !== kind.rows || !kind.figures.some((f) => f.key === m[3])) return null;
  return { rows: kind.rows, districtCode: m[2]!, figure: m[3]! };
}

/** How a corrected figure is named: '新增确诊', or for a district row '藁城区 新增确诊'. */
export function correctionFieldLabel(
  type: CorrectionEntityType,
  field: string,
  districtName?: (code: string) => string | undefined,
): string {
  const d = parseDistrictFigure(type, field);
  if (!d) return correctableFigure(type, field).label;
  const figure = CORRECTABLE_DISTRICT_FIGURES[type].figures.find((f) => f.key === d.figure)?.label ?? d.figure;
  return `${districtName?.(d.districtCode) ?? d.districtCode} ${figure}`;
}

/**
 * A correction of one published item of a kind: one or more figures, each with its new value, and
 * one reason; the item is named by its kind's `idField` ('reportId', 'roundId', 'snapshotId').
 */
export function correctionInput<T extends CorrectionEntityType>(type: T) {
  const { figures, required, idField } = CORRECTABLE_FIGURES[type] as {
    figures: readonly FigureDefinition<CorrectableFigure<T>>[];
    required: readonly string[];
    idField: (typeof CORRECTABLE_FIGURES)[T]['idField'];
  };
  const keys = figures.map((f) => f.key) as [CorrectableFigure<T>, ...CorrectableFigure<T>[]];
  // A city-wide figure by its key, or a district row's figure by its path ('districts.130109.newConfirmed').
  const field = z.union([
    z.enum(keys, { message: '请选择要更正的数字' }),
    z.custom<`${(typeof CORRECTABLE_DISTRICT_FIGURES)[typeof type]['rows']}.${string}.${string}`>(
      (v) => typeof v === 'string' && parseDistrictFigure(type, v) !== null,
      { message: '请选择要更正的数字' },
    ),
  ]);
  return z
    .object({
      ...({ [idField]: id } as Record<typeof idField, typeof id>),
      /** The item's version the correction was prepared against. */
      expectedVersion: version,
      changes: z
        .array(z.object({ field, newValue: count.nullable() }))
        .min(1, '请至少选择一项要更正的数字')
        .max(figures.length + 200),
      reason: requiredText(1000),
    })
    .superRefine((c, ctx) => {
      const seen = new Set<string>();
      (c as unknown as { changes: Array<{ field: string; newValue: number | null }> }).changes.forEach((change, i) => {
        if (seen.has(change.field)) ctx.addIssue({ code: 'custom', path: ['changes', i, 'field'], message: '同一项数字只能更正一次' });
        seen.add(change.field);
        if (change.newValue === null && (required.includes(change.field) || parseDistrictFigure(type, change.field))) {
          ctx.addIssue({ code: 'custom', path: ['changes', i, 'newValue'], message: '必填' });
        }
      });
    });
}

export const testingRoundCorrectionInput = correctionInput('testing_round');
export type TestingRoundCorrectionInput = z.input<typeof testingRoundCorrectionInput>;

export const isolationSnapshotCorrectionInput = correctionInput('isolation_snapshot');
export type IsolationSnapshotCorrectionInput = z.input<typeof isolationSnapshotCorrectionInput>;
