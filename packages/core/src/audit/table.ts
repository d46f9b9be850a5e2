import type { Generated } from 'kysely';
import type { CorrectionEntityType } from '../review/correction-schema.ts';
import type { CorrectionStatus } from '../review/schema.ts';

export interface AuditEntryTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  /** SHA-256 of the entry before it and of its own content (chain.ts). */
  hash: string | null;
  /** 1: the hash covers the text of before, after and reason; 2: it covers `content_digest` (chain-format.ts). */
  format: Generated<number>;
  /** Format 2: SHA-256 of before, after and reason, which the hash covers in their place. */
  content_digest: string | null;
  /** When before, after and reason were deleted (a takedown); the digest keeps the entry in the chain. */
  redacted_at: string | null;
}

export interface CorrectionTable {
  id: string;
  entity_type: string;
  entity_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  corrected_at: string;
  /** Who approved it. */
  corrected_by: string | null;
  prepared_by: string | null;
  request_id: string | null;
}

export interface CorrectionRequestTable {
  id: string;
  entity_type: CorrectionEntityType;
  entity_id: string;
  entity_version: number;
  changes_json: string;
  reason: string;
  status: CorrectionStatus;
  version: number;
  prepared_at: string;
  prepared_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_comment: string | null;
}
