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

/** The figures of each kind that can be corrected, in the order they are shown, and which must not be empty. */
export const CORRECTABLE_FIGURES: Record<CorrectionEntityType, { figures: readonly FigureDefinition[]; required: readonly string[] }> = {
  report: { figures: REPORT_FIGURES, required: REQUIRED_REPORT_FIGURES },
  testing_round: { figures: TESTING_ROUND_FIGURES, required: ['peopleTested', 'positives'] satisfies TestingRoundFigure[] },
  isolation_snapshot: { figures: ISOLATION_FIGURES, required: ['sites', 'rooms', 'people'] satisfies IsolationFigure[] },
};

/** The definition of a correctable figure of a kind (label, whether it is a running total). */
export function correctableFigure(type: CorrectionEntityType, key: string): FigureDefinition {
  return CORRECTABLE_FIGURES[type].figures.find((f) => f.key === key) ?? { key, label: key };
}

/**
 * A correction of one published item: one or more figures, each with its new value, and one reason.
 * `idField` names the item ('reportId', 'roundId', 'snapshotId').
 */
export function correctionInput<I extends string, K extends string>(idField: I, figures: readonly FigureDefinition<K>[], required: readonly K[]) {
  const keys = figures.map((f) => f.key) as [K, ...K[]];
  return z
    .object({
      ...({ [idField]: id } as Record<I, typeof id>),
      /** The item's version the correction was prepared against. */
      expectedVersion: version,
      changes: z
        .array(z.object({ field: z.enum(keys, { message: '请选择要更正的数字' }), newValue: count.nullable() }))
        .min(1, '请至少选择一项要更正的数字')
        .max(figures.length),
      reason: requiredText(1000),
    })
    .superRefine((c, ctx) => {
      const seen = new Set<string>();
      (c as unknown as { changes: Array<{ field: K; newValue: number | null }> }).changes.forEach((change, i) => {
        if (seen.has(change.field)) ctx.addIssue({ code: 'custom', path: ['changes', i, 'field'], message: '同一项数字只能更正一次' });
        seen.add(change.field);
        if (change.newValue === null && required.includes(change.field)) {
          ctx.addIssue({ code: 'custom', path: ['changes', i, 'newValue'], message: '必填' });
        }
      });
    });
}

export const testingRoundCorrectionInput = correctionInput(
  'roundId',
  TESTING_ROUND_FIGURES,
  CORRECTABLE_FIGURES.testing_round.required as TestingRoundFigure[],
);
export type TestingRoundCorrectionInput = z.input<typeof testingRoundCorrectionInput>;

export const isolationSnapshotCorrectionInput = correctionInput(
  'snapshotId',
  ISOLATION_FIGURES,
  CORRECTABLE_FIGURES.isolation_snapshot.required as IsolationFigure[],
);
export type IsolationSnapshotCorrectionInput = z.input<typeof isolationSnapshotCorrectionInput>;
