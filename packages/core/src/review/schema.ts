import { z } from 'zod';
import { atVersion, id, requiredText } from '../shared/zod.ts';

// Two people see every figure that goes out: a press officer submits, a different reviewer approves
// or returns it with a comment. Browser-safe: the console's forms and labels use these too.

/**
 * The life of a reviewed item, one union for every kind: written (`draft`), sent for review
 * (`in_review`), sent back (`returned`) or approved (`approved`, `scheduled` for a set time),
 * public (`published`; a correction `applied`), and taken back (`withdrawn`). Each kind uses the
 * subset it needs (below); the database refuses any other value (CHECK constraints).
 */
export const REVIEW_STATUSES = ['draft', 'in_review', 'returned', 'approved', 'scheduled', 'published', 'applied', 'withdrawn'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  draft: '草稿',
  in_review: '待审核',
  returned: '已退回',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  applied: '已生效',
  withdrawn: '已撤回',
};

/** Figures (reports, testing rounds, isolation snapshots): submitted, then returned or published. */
export const FIGURE_STATUSES = ['in_review', 'returned', 'published'] as const satisfies readonly ReviewStatus[];
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

/** Corrections of published figures: a returned one is closed (a new one is prepared instead). */
export const CORRECTION_STATUSES = ['in_review', 'applied', 'returned'] as const satisfies readonly ReviewStatus[];
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/**
 * Bulletins: the state of the latest revision. A bulletin already public keeps showing its published
 * revision while a newer one goes through draft → in review → approved; a returned one is a draft again.
 */
export const BULLETIN_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
] as const satisfies readonly ReviewStatus[];
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/** Statuses after approval: whoever decided is the one who approved. */
export const APPROVED_STATUSES: readonly ReviewStatus[] = ['approved', 'scheduled', 'published', 'applied', 'withdrawn'];

/** What goes through review: the three kinds of figures, corrections of any of them once published, bulletins, and changes of zones. */
export const REVIEW_TYPES = ['report', 'testing_round', 'isolation_snapshot', 'correction', 'bulletin', 'zone_change'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];
export const REVIEW_TYPE_LABELS: Record<ReviewType, string> = {
  report: '疫情通报',
  testing_round: '核酸检测',
  isolation_snapshot: '集中隔离',
  correction: '数字更正',
  bulletin: '通知公告',
  zone_change: '管控区域',
};

/** The kinds whose review page is the one review page of the console; bulletins have their own (editor beside it). */
export const FIGURE_REVIEW_TYPES = ['report', 'testing_round', 'isolation_snapshot', 'correction'] as const satisfies readonly ReviewType[];
export type FigureReviewType = (typeof FIGURE_REVIEW_TYPES)[number];

export const approveInput = z.object(atVersion);
export type ApproveInput = z.input<typeof approveInput>;

export const returnInput = z.object({ ...atVersion, comment: requiredText(1000) });
export type ReturnInput = z.input<typeof returnInput>;

export const forReviewInput = z.object({ type: z.enum(FIGURE_REVIEW_TYPES), id });

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

/** One line of the review queue: the item, and where it stands in review. */
export interface ReviewQueueItem extends Omit<ReviewState, 'status'> {
  type: ReviewType;
  id: string;
  /** What the item is: the period, the round number, the as-of time, the corrected report, the bulletin's title. */
  title: string;
  /** Waiting for a reviewer, or sent back to its author (a returned bulletin is a draft with a comment). */
  status: 'in_review' | 'returned';
  /** Marked urgent by its author (a seal that must go live at once): listed first. */
  urgent: boolean;
}
