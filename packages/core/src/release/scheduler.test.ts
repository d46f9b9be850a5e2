import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { approveBulletin, createBulletin, publishBulletin, submitBulletin } from '../bulletin/bulletin.ts';
import { staffMember, testDatabase } from '../test-support/db.ts';
import { VILLAGE_ZONE } from '../test-support/fixtures.ts';
import { createZone, liftZone } from '../zone/zone.ts';
import { nextChangeAfter, ScheduledRebuilds } from './scheduler.ts';

const actor = { id: null, name: '测试', role: 'system' as const };
const at = (db: Db, iso: string): WriteContext => ({ db, actor, now: new Date(iso) });

async function markLive(db: Db, startedAt: string) {
  await db.updateTable('release').set({ status: 'retired' }).where('status', '=', 'live').execute();
  await db
    .insertInto('release')
    .values({
      id: startedAt,
      status: 'live',
      reasons: '[]',
      requested_at: startedAt,
      started_at: startedAt,
      finished_at: startedAt,
      error: null,
      path: null,
      code_version: 'v',
    })
    .execute();
}

/** A database with one zone sealed on 5 January and lifted "from 8 February 00:00", announced on 1 February. */
async function cityWithAnnouncedLift() {
  const db = await testDatabase();
  const zone = await createZone(at(db, '2021-01-05T12:00:00Z'), VILLAGE_ZONE);
  await liftZone(at(db, '2021-02-01T04:00:00Z'), {
    zoneId: zone.id,
    expectedVersion: zone.version,
    effectiveAt: '2021-02-08T00:00:00+08:00',
    notice: '解除公告',
  });
  return db;
}

function fakeTimers() {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h: unknown) => {
      (h as { cleared: boolean }).cleared = true;
    },
    pending: () => timers.filter((t) => !t.cleared),
  };
}

/**
 * The scheduler of a city with an announced lift whose live release was built at `liveAt`: it reads
 * the time from `clock` (set to `now`), sets fake timers, and what it requests is collected.
 */
async function schedulerOfCity(liveAt: string, now: string) {
  const db = await cityWithAnnouncedLift();
  await markLive(db, liveAt);
  const requests: string[] = [];
  const clock = { now: new Date(now) };
  const timers = fakeTimers();
  const scheduler = new ScheduledRebuilds({ db, request: (r) => requests.push(r), now: () => clock.now, ...timers });
  return { db, requests, clock, timers, scheduler };
}

describe('scheduled rebuilds', () => {
  it('finds the next announced change after a moment', async () => {
    const db = await cityWithAnnouncedLift();
    expect(await nextChangeAfter(db, '2021-02-01T05:00:00.000Z')).toEqual({
      at: '2021-02-07T16:00:00.000Z',
      reason: '计划变更生效：增村镇小果庄村',
    });
    expect(await nextChangeAfter(db, '2021-02-07T16:00:00.000Z')).toBeNull();
  });

  it('rebuilds when an announced change falls due, without anyone signed in', async () => {
    const { requests, clock, timers, scheduler } = await schedulerOfCity('2021-02-01T05:00:00.000Z', '2021-02-01T05:00:00Z');
    await scheduler.refresh();
    expect(requests).toEqual([]);
    expect(timers.pending().map((t) => t.ms)).toEqual([new Date('2021-02-07T16:00:00Z').getTime() - clock.now.getTime()]);
    timers.pending()[0]!.fn();
    await vi.waitFor(() => expect(requests).toEqual(['计划变更生效：增村镇小果庄村']));
  });

  it('catches up at start-up on a change that fell due while the system was down', async () => {
    const { requests, timers, scheduler } = await schedulerOfCity('2021-02-01T05:00:00.000Z', '2021-02-09T00:00:00Z');
    await scheduler.refresh();
    expect(requests).toHaveLength(1);
    expect(timers.pending()).toEqual([]);
  });

  it('plans nothing once the live release already shows every change, and replaces its timer on refresh', async () => {
    const { db, timers, scheduler } = await schedulerOfCity('2021-02-01T05:00:00.000Z', '2021-02-01T06:00:00Z');
    await scheduler.refresh();
    await scheduler.refresh();
    expect(timers.pending()).toHaveLength(1);
    await markLive(db, '2021-02-08T00:00:00.000Z');
    await scheduler.refresh();
    expect(timers.pending()).toEqual([]);
  });

  it('waits in steps when the change is further away than a timer can wait', async () => {
    const { requests, timers, scheduler } = await schedulerOfCity('2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00Z');
    await scheduler.refresh(); // first event is 5 January 2021, more than 24.8 days away
    expect(timers.pending()[0]!.ms).toBe(2_147_483_647);
    timers.pending()[0]!.fn();
    expect(requests).toEqual([]);
  });

  it('rebuilds for a bulletin published after the live release was built (its build failed)', async () => {
    const { db, requests, scheduler } = await schedulerOfCity('2021-02-08T00:00:00.000Z', '2021-02-08T02:00:00Z');
    const press = await staffMember(db, 'press_officer', '新闻发布员', '2021-02-08T09:00:00+08:00');
    const reviewer = await staffMember(db, 'reviewer', '审核员', '2021-02-08T09:00:00+08:00');
    const draft = await createBulletin(press, {
      title: '通告',
      issuer: '市政府',
      issuedOn: '2021-02-08',
      category: 'notice',
      bodyMd: '正文',
    });
    const submitted = await submitBulletin(press, { id: draft.id, expectedVersion: draft.version });
    const approved = await approveBulletin(reviewer, { id: draft.id, expectedVersion: submitted.version });
    await publishBulletin(reviewer, { id: draft.id, expectedVersion: approved.version });
    await scheduler.refresh();
    expect(requests).toEqual(['公告已发布或撤回，公众网站尚未更新']);
    await markLive(db, '2021-02-08T02:00:00.000Z');
    requests.length = 0;
    await scheduler.refresh();
    expect(requests).toEqual([]);
  });

  it('keeps one timer when refreshes overlap', async () => {
    const { timers, scheduler } = await schedulerOfCity('2021-02-01T05:00:00.000Z', '2021-02-01T06:00:00Z');
    await Promise.all([scheduler.refresh(), scheduler.refresh(), scheduler.refresh()]);
    expect(timers.pending()).toHaveLength(1);
  });
});
