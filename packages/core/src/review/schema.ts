import { z } from 'zod';
import { id, requiredText, version } from '../shared/zod.ts';

// Two people see every figure that goes out: a press officer submits, a different reviewer approves
// or returns it with a comment. Browser-safe: the console's forms and labels use these too.

export const REVIEW_STATUSES = ['in_review', 'returned', 'published'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  in_review: '待审核',
  returned: '已退回',
  published: '已发布',
};

/** What goes through review: the three kinds of figures, and corrections of any of them once published. */
export const REVIEW_TYPES = ['report', 'testing_round', 'isolation_snapshot', 'correction'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];
export const REVIEW_TYPE_LABELS: Record<ReviewType, string> = {
  report: '疫情通报',
  testing_round: '核酸检测',
  isolation_snapshot: '集中隔离',
  correction: '数字更正',
};

export const approveInput = z.object({ id, expectedVersion: version });
export type ApproveInput = z.input<typeof approveInput>;

export const returnInput = z.object({ id, expectedVersion: version, comment: requiredText(1000) });
export type ReturnInput = z.input<typeof returnInput>;

export const forReviewInput = z.object({ type: z.enum(REVIEW_TYPES), id });

/** A person named on a review step. */
export interface ReviewPerson {
  id: string | null;
  name: string;
}

/** Where an item stands in review, and who did what. */
export interface ReviewState {
  status: ReviewStatus;
  version: number;
  submittedAt: string | null;
  submittedBy: ReviewPerson | null;
  reviewedAt: string | null;
  reviewedBy: ReviewPerson | null;
  /** The reviewer's comment when the item was last returned. */
  reviewComment: string | null;
}

/** One line of the review queue. */
export interface ReviewQueueItem {
  type: ReviewType;
  id: string;
  /** What the item is: the period, the round number, the as-of time, the corrected report. */
  title: string;
  status: 'in_review' | 'returned';
  version: number;
  submittedAt: string | null;
  submittedBy: ReviewPerson | null;
  reviewedAt: string | null;
  reviewedBy: ReviewPerson | null;
  reviewComment: string | null;
}
