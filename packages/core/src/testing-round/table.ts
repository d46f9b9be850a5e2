export interface TestingRoundTable {
  id: string;
  number: number;
  started_at: string | null;
  completed_at: string | null;
  collection_points: number | null;
  people_sampled: number | null;
  people_tested: number;
  positives: number;
  summary: string | null;
  status: string;
  version: number;
  created_at: string;
  created_by: string | null;
  published_at: string | null;
  published_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_comment: string | null;
}

export interface TestingRoundDistrictTable {
  round_id: string;
  district_code: string;
  people_tested: number | null;
  positives: number | null;
  no_spread: number;
}
