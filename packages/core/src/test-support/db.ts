import { ensureReferenceData } from '../district/reference.ts';
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';
import { approveReport, submitReport, type StaffReport } from '../report/workflow.ts';
import type { ReportInput } from '../report/schema.ts';
import type { Role, WriteContext } from '../shared/actor.ts';
import { newId } from '../shared/ids.ts';

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

/** A report submitted by one person and approved by another. */
export async function publishedReport(press: WriteContext, reviewer: WriteContext, input: ReportInput): Promise<StaffReport> {
  const submitted = await submitReport(press, input);
  return approveReport(reviewer, { id: submitted.id, expectedVersion: submitted.version });
}

/** A fresh database with a press officer and a reviewer, each acting at the time given (Beijing time). */
export async function reviewDesk(
  at: { press?: string; reviewer?: string } = {},
): Promise<{ db: Db; press: WriteContext; reviewer: WriteContext }> {
  const db = await testDatabase();
  const press = await staffMember(db, 'press_officer', '新闻发布员', at.press);
  const reviewer = await staffMember(db, 'reviewer', '审核员', at.reviewer);
  return { db, press, reviewer };
}
