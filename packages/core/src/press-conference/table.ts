export interface PressConferenceTable {
  id: string;
  number: number;
  held_on: string;
  starts_at: string | null;
  title: string;
  summary: string;
  /** Published directly (no review): the only state a conference has. */
  status: 'published';
  version: number;
  created_at: string;
  created_by: string | null;
  published_at: string | null;
  published_by: string | null;
}

export interface PressConferencePersonTable {
  conference_id: string;
  seq: number;
  role: string;
  name: string;
  title: string | null;
  organisation: string | null;
}

export interface PressConferenceAgencyTable {
  conference_id: string;
  seq: number;
  name: string;
}

export interface PressConferenceQaTable {
  conference_id: string;
  seq: number;
  question: string;
  answer: string;
  answered_by: string | null;
}

export interface PressConferenceLinkTable {
  conference_id: string;
  entity_type: string;
  entity_id: string;
}

/** One edit of a published conference: when, by whom, why, and which parts changed. */
export interface PressConferenceUpdateTable {
  id: string;
  conference_id: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
  reason: string;
  fields_json: string;
}
