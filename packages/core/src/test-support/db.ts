import { ensureReferenceData } from '../district/reference.ts';
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';
import {
  approveIsolationSnapshot,
  submitIsolationSnapshot,
  type IsolationSnapshotInput,
  type StaffIsolationSnapshot,
} from '../isolation/isolation.ts';
import { approveReport, submitReport, type StaffReport } from '../report/workflow.ts';
import type { ReportInput } from '../report/schema.ts';
import type { Role, WriteContext } from '../shared/actor.ts';
import { newId } from '../shared/ids.ts';
import { approveTestingRound, submitTestingRound, type StaffTestingRound, type TestingRoundInput } from '../testing-round/testing-round.ts';
import { JAN14_REPORT } from './fixtures.ts';

/** A fresh in-memory database with the real migrations and reference data. */
export async function testDatabase(): Promise<Db> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  await ensureReferenceData(db);
  return db;
}

/** A user row written directly (no password hashing: these users never sign in); returns a context acting as them. */
export async function staffMember(db: Db, role: Role, name: string, now = '2021-01-15T19:00:00+08:00'): Promise<WriteContext> {
  const id = newId();
  const at = new Date(now).toISOString();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: `u-${id.slice(0, 8)}`,
      display_name: name,
      role,
      password_hash: 'x',
      is_demo: 0,
      disabled_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { db, actor: { id, name, role }, now: new Date(now) };
}

/** The same person a little later. */
export const later = (ctx: WriteContext, iso: string): WriteContext => ({ ...ctx, now: new Date(iso) });

/** Something submitted by one person and approved by another, through its kind's own two steps. */
function published<I, T extends { id: string; version: number }>(
  submit: (ctx: WriteContext, input: I) => Promise<T>,
  approve: (ctx: WriteContext, input: { id: string; expectedVersion: number }) => Promise<T>,
) {
  return async (press: WriteContext, reviewer: WriteContext, input: I): Promise<T> => {
    const submitted = await submit(press, input);
    return approve(reviewer, { id: submitted.id, expectedVersion: submitted.version });
  };
}

/** A report submitted by one person and approved by another. */
export const publishedReport = published<ReportInput, StaffReport>(submitReport, approveReport);

/** A testing round submitted by one person and approved by another. */
export const publishedTestingRound = published<TestingRoundInput, StaffTestingRound>(submitTestingRound, approveTestingRound);

/** An isolation snapshot submitted by one person and approved by another. */
export const publishedIsolationSnapshot = published<IsolationSnapshotInput, StaffIsolationSnapshot>(
  submitIsolationSnapshot,
  approveIsolationSnapshot,
);

/** 1月14日's report (or another version of it) as it was published: submitted at 8:00 on 15 January, approved at 9:00. */
export const publishedJan14 = (press: WriteContext, reviewer: WriteContext, input: ReportInput = JAN14_REPORT): Promise<StaffReport> =>
  publishedReport(later(press, '2021-01-15T08:00:00+08:00'), later(reviewer, '2021-01-15T09:00:00+08:00'), input);
