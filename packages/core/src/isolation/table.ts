import type { ReviewColumns } from '../review/table.ts';
import type { FacilityStatus } from './isolation.ts';

export interface IsolationSnapshotTable extends ReviewColumns {
  id: string;
  as_of: string;
  /** Each figure as stated; null: not stated. */
  sites: number | null;
  rooms: number | null;
  people: number | null;
  close_contacts: number | null;
  secondary_contacts: number | null;
}

export interface IsolationTransferTable {
  snapshot_id: string;
  district_code: string;
  as_of: string;
  people: number;
}

export interface IsolationFacilityTable {
  id: string;
  name: string;
  location: string;
  rooms: number;
  room_area_m2: number | null;
  floor_area_m2: number | null;
  site_area_mu: number | null;
  construction_started_on: string | null;
  opened_on: string | null;
  status: FacilityStatus;
  description: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  published_at: string | null;
  updated_at: string;
}

/** One change to a published facility: what changed, from what, and why. */
export interface IsolationFacilityChangeTable {
  id: string;
  facility_id: string;
  version: number;
  changed_at: string;
  changed_by: string | null;
  reason: string;
  changes_json: string;
}
