import type { Generated } from 'kysely';
import type { BulletinStatus } from '../review/schema.ts';

export interface BulletinTable {
  id: string;
  status: BulletinStatus;
  current_revision: number;
  published_revision: number | null;
  scheduled_at: string | null;
  first_published_at: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  /** Taken down: its text and attachments deleted, only the fact and the reason kept (takedown.ts). */
  taken_down_at: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  approved_revision: number | null;
  /** The publication time the reviewer set when approving: only a reviewer may change it. */
  approved_publish_at: string | null;
  review_comment: string | null;
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
  content: Uint8Array | null;
}

export interface BulletinRevisionAttachmentTable {
  bulletin_id: string;
  revision: number;
  attachment_id: string;
  position: number;
}

export interface BulletinTransitionTable {
  id: Generated<number>;
  bulletin_id: string;
  revision: number;
  from_status: BulletinStatus | null;
  to_status: BulletinStatus;
  at: string;
  actor_id: string | null;
  actor_name: string;
  comment: string | null;
  publish_at: string | null;
}

export interface BulletinTakedownTable {
  id: string;
  bulletin_id: string;
  reason: string;
  status: 'requested' | 'done' | 'cancelled';
  requested_at: string;
  requested_by: string | null;
  /** admin or reviewer: the other role confirms. */
  requested_role: string;
  decided_at: string | null;
  decided_by: string | null;
}
