import type { Generated } from 'kysely';
import type { ReleaseStatus } from './release.ts';

export interface ReleaseTable {
  id: string;
  status: ReleaseStatus;
  reasons: string;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  path: string | null;
  code_version: string | null;
  /** The last site change the release's data includes (see site_change). */
  through_change: number | null;
}

/** A change the public site shows, recorded with the change itself: the site is behind while a release has not included it. */
export interface SiteChangeTable {
  id: Generated<number>;
  reason: string;
  requested_at: string;
  requested_by: string | null;
  requested_by_name: string;
  /** The public page that shows the change, when known. */
  path: string | null;
  /** What the public transparency log says instead of `reason`, when it must say less (a bulletin's title). */
  log_reason: string | null;
}

/** An item the publisher set aside because building it failed; active while cleared_at is null. */
export interface BlockedItemTable {
  id: Generated<number>;
  kind: string;
  item_id: string;
  path: string;
  reason: string;
  release_id: string;
  blocked_at: string;
  after_change: number;
  cleared_at: string | null;
  cleared_by_name: string | null;
  cleared_reason: string | null;
}
