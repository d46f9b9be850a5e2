export interface LevelSchemeTable {
  id: string;
  name: string;
  description: string | null;
  sort_order: number;
}

export interface ZoneLevelTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  name_en: string;
  severity: number;
  /** 1 when an area at this level is under control (counted, listed, found as such); 0 for 低风险 and the like. */
  control: number;
}

export interface ZoneTable {
  id: string;
  district_code: string;
  name: string;
  address: string | null;
  kind: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ZoneEventTable {
  id: string;
  zone_id: string;
  seq: number;
  action: string;
  level_id: string | null;
  effective_at: string;
  /** 'YYYY-MM-DD': known only from a list as of this date; effective_at is then 00:00 of it. */
  listed_on: string | null;
  planned_end_at: string | null;
  notice: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string | null;
  recorded_by_name: string;
}
