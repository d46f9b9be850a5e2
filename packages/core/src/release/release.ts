import type { Executor } from '../db/database.ts';

export const RELEASE_STATUSES = ['queued', 'building', 'live', 'retired', 'failed'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];
export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  queued: '排队中',
  building: '构建中',
  live: '线上',
  retired: '已替换',
  failed: '失败',
};

export interface Release {
  id: string;
  status: ReleaseStatus;
  reasons: string[];
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  path: string | null;
  codeVersion: string | null;
  /** The last site change its data includes. */
  throughChange: number | null;
}

export async function listReleases(db: Executor, limit = 50): Promise<Release[]> {
  const rows = await db.selectFrom('release').selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ReleaseStatus,
    reasons: JSON.parse(r.reasons) as string[],
    requestedAt: r.requested_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
    path: r.path,
    codeVersion: r.code_version,
    throughChange: r.through_change,
  }));
}

export async function liveRelease(db: Executor): Promise<Release | null> {
  return (await listReleases(db, 200)).find((r) => r.status === 'live') ?? null;
}
