// The people core tests act as, as Vitest fixtures: a test names what it needs
// (`async ({ db, press, reviewer }) => …`) and gets a fresh database with just those on it.
import { test } from 'vitest';
import type { Actor, WriteContext } from '../shared/actor.ts';
import { staffMember, testDatabase } from './db.ts';

/** When each person acts (Beijing time); a describe block sets its own with `it.override('times', { … })`. */
export interface DeskTimes {
  press?: string;
  reviewer?: string;
  admin?: string;
}

/** An administrator with no user row, who records zones and settings in tests. */
export const ADMIN: Actor = { id: null, name: '管理员甲', role: 'admin' };

/**
 * `it` with a fresh database (`db`) and the people acting on it, each created when a test names it:
 * a press officer (`press`), a second one (`otherPress`), a reviewer (`reviewer`), all acting at
 * 2021-01-15 19:00 unless `times` says otherwise, the administrator `admin` (2021-01-20 10:00), and
 * `officer`, an administrator with a user row who submits changes of zones for review (same time).
 */
export const deskTest = test
  .extend('times', {} as DeskTimes)
  .extend('db', async ({ onTestFinished }) => {
    const db = await testDatabase();
    onTestFinished(() => db.destroy());
    return db;
  })
  .extend('press', ({ db, times }) => staffMember(db, 'press_officer', '新闻发布员', times.press))
  .extend('otherPress', ({ db, times }) => staffMember(db, 'press_officer', '另一位新闻发布员', times.press))
  .extend('reviewer', ({ db, times }) => staffMember(db, 'reviewer', '审核员', times.reviewer))
  .extend('admin', ({ db, times }): WriteContext => ({ db, actor: ADMIN, now: new Date(times.admin ?? '2021-01-20T10:00:00+08:00') }))
  .extend('officer', ({ db, times }) => staffMember(db, 'admin', '管理员乙', times.admin ?? '2021-01-20T10:00:00+08:00'));
