import type { CorrectionEntityType, FigureReviewType, ReviewType } from '@epi/core';
import { trpc } from './trpc.ts';

/** Where a press officer edits a returned item to send it again; corrections and zone changes are prepared anew instead. */
export function editHref(type: ReviewType, id: string): string | null {
  switch (type) {
    case 'bulletin':
      return `/bulletins/${id}`;
    case 'report':
      return `/reports/${id}/edit`;
    case 'testing_round':
      return `/testing-rounds/${id}/edit`;
    case 'isolation_snapshot':
      return `/isolation/snapshots/${id}/edit`;
    case 'correction':
    case 'zone_change':
      return null;
  }
}

/** Where a published item is shown with its corrections and the form to prepare one. */
export function correctedItemHref(type: CorrectionEntityType, id: string): string {
  switch (type) {
    case 'report':
      return `/reports/${id}`;
    case 'testing_round':
      return `/testing-rounds/${id}`;
    case 'isolation_snapshot':
      return `/isolation/snapshots/${id}`;
  }
}

/** Where an item is reviewed: the one review page, or a bulletin's own page (its editor and revisions beside the decision). */
export const reviewHref = (type: ReviewType, id: string) =>
  type === 'bulletin' ? `/bulletins/${id}` : type === 'zone_change' ? `/zones/changes/${id}` : `/review/${type}/${id}`;

type Step = { id: string; expectedVersion: number };

/** The reviewer's two decisions on each kind reviewed on the review page. */
export const DECISIONS: Record<
  FigureReviewType,
  { approve(input: Step): Promise<unknown>; return(input: Step & { comment: string }): Promise<unknown> }
> = {
  report: { approve: (i) => trpc.report.approve.mutate(i), return: (i) => trpc.report.return.mutate(i) },
  testing_round: { approve: (i) => trpc.testingRound.approve.mutate(i), return: (i) => trpc.testingRound.return.mutate(i) },
  isolation_snapshot: { approve: (i) => trpc.isolation.approveSnapshot.mutate(i), return: (i) => trpc.isolation.returnSnapshot.mutate(i) },
  correction: { approve: (i) => trpc.report.approveCorrection.mutate(i), return: (i) => trpc.report.returnCorrection.mutate(i) },
};

/** A count for a table cell: '—' when not given. */
export const countText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
