import type { ReviewColumns } from '../review/table.ts';

/** One statement of a round's figures: while it goes on (a progress report), or when it has ended. */
export interface TestingRoundTable extends ReviewColumns {
  id: string;
  number: number;
  stage: 'in_progress' | 'final';
  /** The moment the figures stand at (截至…); a final statement may give none. */
  as_of: string | null;
  started_at: string | null;
  completed_at: string | null;
  collection_points: number | null;
  people_sampled: number | null;
  /** Samples sent for testing (送检). */
  people_sent: number | null;
  /** Results out (已出结果). */
  results_out: number | null;
  people_tested: number | null;
  positives: number | null;
  summary: string | null;
}

export interface TestingRoundDistrictTable {
  round_id: string;
  district_code: string;
  people_tested: number | null;
  positives: number | null;
  no_spread: number;
}
