export interface PressConferenceTable {
  id: string;
  issuer_level: 'municipal' | 'provincial' | 'other';
  /** The body that held it (石家庄市人民政府新闻办公室). */
  issuer: string;
  /** Its number in its body's series; null when the body did not number it. */
  number: number | null;
  /** Its public address under /press-conferences/. */
  slug: string;
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

/** An address a conference had before an edit changed it (or before addresses were slugs): it redirects. */
export interface PressConferenceAliasTable {
  slug: string;
  conference_id: string;
}
