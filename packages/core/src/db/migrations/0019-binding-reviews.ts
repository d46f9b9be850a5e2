import { sql, type Kysely } from 'kysely';

// Frozen once landed. A publication time set by the reviewer binds: it is kept apart from the
// scheduled time, so that only a reviewer may bring it forward, move it or lift it; the author
// changes it only through a new review.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE bulletin ADD COLUMN approved_publish_at text`.execute(db);
  // A bulletin approved for a time before this migration keeps that time as bound.
  await sql`UPDATE bulletin SET approved_publish_at = scheduled_at WHERE status = 'scheduled'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0019-binding-reviews is not reversible');
}
