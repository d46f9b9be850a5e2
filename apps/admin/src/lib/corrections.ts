import {
  ISOLATION_FIGURES,
  isolationSnapshotCorrectionInput,
  REPORT_FIGURES,
  reportCorrectionInput,
  TESTING_ROUND_FIGURES,
  testingRoundCorrectionInput,
  type CorrectionEntityType,
  type FigureDefinition,
  type ReconciliationIssue,
} from '@epi/core';
import { checkLocally, prepared, type Checked } from './forms.ts';
import { trpc } from './trpc.ts';

/** A correction as the panel prepares it: of which item, at which version, which figures, and why. */
export interface CorrectionDraft {
  id: string;
  expectedVersion: number;
  changes: Array<{ field: string; newValue: number | null }>;
  reason: string;
}

/** What differs between the kinds of published figures that are corrected rather than edited. */
export interface CorrectableKind {
  /** What an item is called: '通报', '检测轮次'. */
  noun: string;
  /** The figures that can be corrected, in the order they are shown. */
  figures: readonly FigureDefinition[];
  /** The caption of an item's table of figures. */
  caption: string;
  /** The console's list of the kind, where an item's page leads back to. */
  list: { href: string; label: string };
}

export const CORRECTABLE: Record<CorrectionEntityType, CorrectableKind> = {
  report: { noun: '通报', figures: REPORT_FIGURES, caption: '各项数字（单位：例）', list: { href: '/reports', label: '疫情通报' } },
  testing_round: {
    noun: '检测轮次',
    figures: TESTING_ROUND_FIGURES,
    caption: '各项数字',
    list: { href: '/testing-rounds', label: '全员核酸检测' },
  },
  isolation_snapshot: {
    noun: '集中隔离情况',
    figures: ISOLATION_FIGURES,
    caption: '各项数字',
    list: { href: '/isolation', label: '集中隔离' },
  },
};

/** A correction of each kind, checked with the schema the server uses and bound to the call that sends it. */
export const PREPARE_CORRECTION: Record<
  CorrectionEntityType,
  (draft: CorrectionDraft) => Checked<() => Promise<{ warnings: ReconciliationIssue[] }>>
> = {
  report: ({ id, ...draft }) =>
    prepared(checkLocally(reportCorrectionInput, { reportId: id, ...draft }), (data) => trpc.report.correct.mutate(data)),
  testing_round: ({ id, ...draft }) =>
    prepared(checkLocally(testingRoundCorrectionInput, { roundId: id, ...draft }), (data) => trpc.testingRound.correct.mutate(data)),
  isolation_snapshot: ({ id, ...draft }) =>
    prepared(checkLocally(isolationSnapshotCorrectionInput, { snapshotId: id, ...draft }), (data) =>
      trpc.isolation.correctSnapshot.mutate(data),
    ),
};
