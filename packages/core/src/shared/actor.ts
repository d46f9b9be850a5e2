import type { Executor } from '../db/database.ts';

export const ROLES = ['admin', 'press_officer', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  press_officer: '新闻发布',
  reviewer: '审核',
};

/** Who is acting: a signed-in user, or the system itself (demo loader, scheduler). */
export interface Actor {
  id: string | null;
  name: string;
  role: Role | 'system';
}

/** The system itself: scheduled publications, the publisher setting an item aside. */
export const SYSTEM_ACTOR: Actor = { id: null, name: '系统', role: 'system' };

/** Everything a write needs: where to write, who is writing, and what time it is. */
export interface WriteContext {
  db: Executor;
  actor: Actor;
  now: Date;
}
