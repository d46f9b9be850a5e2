import type { ReviewColumns } from '../review/table.ts';

export interface ReportTable extends ReviewColumns {
  id: string;
  period_start: string;
  period_end: string;
  new_confirmed: number;
  new_asymptomatic: number;
  reclassified_confirmed: number | null;
  new_discharged: number | null;
  new_deaths: number | null;
  cumulative_confirmed: number;
  cumulative_asymptomatic: number;
  under_treatment: number | null;
  under_observation: number | null;
  reconciliation_note: string | null;
  source: string | null;
  /** JSON: the reconciliation issues the justification answered at submission. */
  reconciliation_json: string | null;
}

export interface ReportDistrictTable {
  report_id: string;
  district_code: string;
  new_confirmed: number;
  new_asymptomatic: number;
  cumulative_confirmed: number | null;
  cumulative_asymptomatic: number | null;
}
