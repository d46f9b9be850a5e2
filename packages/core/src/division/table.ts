export interface DivisionTable {
  /** The official code: 2 digits (province), 4 (city), 6 (county-level unit), 9 (township). */
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  sort_order: number;
}
