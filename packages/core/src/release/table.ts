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
}
