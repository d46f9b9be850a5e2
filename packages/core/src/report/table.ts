import type { ReviewColumns } from '../review/table.ts';

export interface ReportTable extends ReviewColumns {
  id: string;
  period_start: string;
  period_end: string;
  // Every figure is NULL when the source did not state it (never 0 for "not stated").
  new_confirmed: number | null;
  new_asymptomatic: number | null;
  reclassified_confirmed: number | null;
  new_discharged: number | null;
  new_deaths: number | null;
  cumulative_confirmed: number | null;
  cumulative_asymptomatic: number | null;
  cumulative_discharged: number | null;
  cumulative_deaths: number | null;
  /** Asymptomatic cases released from medical observation, in all. */
  cumulative_released: number | null;
  /** 确诊病例和无症状感染者共N例, as stated. */
  combined_total: number | null;
  /** Current: confirmed cases in hospital (现有确诊). */
  under_treatment: number | null;
  /** Current: asymptomatic cases under medical observation (现有无症状). */
  under_observation: number | null;
  reconciliation_note: string | null;
  source: string | null;
  /** JSON: the reconciliation issues the justification answered at submission. */
  reconciliation_json: string | null;
}

export interface ReportDistrictTable {
  report_id: string;
  district_code: string;
  new_confirmed: number | null;
  new_asymptomatic: number | null;
  cumulative_confirmed: number | null;
  cumulative_asymptomatic: number | null;
}

/** A figure of a report stated for a period of its own (a discharge count from 14时 to 14时). */
export interface ReportFigurePeriodTable {
  report_id: string;
  figure: string;
  period_start: string;
  period_end: string;
}
