import type { FigureStatus } from './schema.ts';

/**
 * The review columns every reviewed kind of figures has (report, testing_round, isolation_snapshot):
 * extend a table type with it, and add the columns with `addReviewColumns` in the migration.
 */
export interface ReviewColumns<S extends string = FigureStatus> {
  status: S;
  version: number;
  created_at: string;
  created_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_comment: string | null;
  published_at: string | null;
  published_by: string | null;
}
