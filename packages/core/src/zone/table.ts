import type { ReviewColumns } from '../review/table.ts';
import type { ZoneChangeKind, ZoneChangeStatus } from './change-schema.ts';

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
  /** The reviewed change that applied it (null for events recorded before changes were reviewed). */
  change_id: string | null;
  /** Taken out of the history by a correction (recorded in error): kept, never shown or counted. */
  voided_at: string | null;
  voided_by_change: string | null;
}

/** A correction of a zone, applied: what changed in words and the public reason. */
export interface ZoneCorrectionTable {
  id: string;
  zone_id: string;
  /** The reviewed change that applied it. */
  change_id: string | null;
  corrected_at: string;
  /** Who approved it. */
  corrected_by: string | null;
  prepared_by: string | null;
  reason: string;
  /** JSON: [{ label, before, after }]. */
  changes: string;
}

/** A change of zones waiting for review, returned, or applied (`published`). */
export interface ZoneChangeTable extends ReviewColumns<ZoneChangeStatus> {
  id: string;
  kind: ZoneChangeKind;
  title: string;
  /** JSON: the operations, as validated when submitted. */
  operations: string;
  /** JSON: the public effect in words, as the author saw it before submitting. */
  effect: string;
  /** JSON: the warnings the author answered with `reason`. */
  warnings: string;
  reason: string | null;
  urgent: number;
}
