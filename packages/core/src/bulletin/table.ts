export interface BulletinTable {
  id: string;
  status: string;
  current_revision: number;
  published_revision: number | null;
  scheduled_at: string | null;
  first_published_at: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface BulletinRevisionTable {
  bulletin_id: string;
  number: number;
  title: string;
  issuer: string;
  issued_on: string;
  category: string;
  body_md: string;
  change_reason: string | null;
  created_at: string;
  created_by: string | null;
}

export interface BulletinAttachmentTable {
  id: string;
  bulletin_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  created_at: string;
  created_by: string | null;
}
