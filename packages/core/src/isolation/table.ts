export interface IsolationSnapshotTable {
  id: string;
  as_of: string;
  sites: number;
  rooms: number;
  people: number;
  close_contacts: number | null;
  secondary_contacts: number | null;
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
  status: string;
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
