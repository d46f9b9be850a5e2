import type { ReviewColumns } from '../review/table.ts';

export interface TestingRoundTable extends ReviewColumns {
  id: string;
  number: number;
  started_at: string | null;
  completed_at: string | null;
  collection_points: number | null;
  people_sampled: number | null;
  people_tested: number;
  positives: number;
  summary: string | null;
}

export interface TestingRoundDistrictTable {
  round_id: string;
  district_code: string;
  people_tested: number | null;
  positives: number | null;
  no_spread: number;
}
