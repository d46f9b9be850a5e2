import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen once landed. The audit log becomes a hash chain: each entry carries the SHA-256 of the
// entry before it and of its own content (audit/chain.ts, whose rule is repeated here so that this
// migration never changes). Entries written before it are chained now, in id order; the triggers
// that keep the table append-only are set aside for that, in this transaction only.

const content = (e: Record<string, unknown>) =>
  JSON.stringify([e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason]);
const hash = (previous: string, text: string) =>
  createHash('sha256').update('epi-audit-v1\n').update(previous).update('\n').update(text).digest('hex');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit_entry ADD COLUMN hash text`.execute(db);
  await sql`DROP TRIGGER audit_entry_no_update`.execute(db);
  let previous = '0'.repeat(64);
  const rows = await db.selectFrom('audit_entry').selectAll().orderBy('id').execute();
  for (const row of rows) {
    previous = hash(previous, content(row));
    await db.updateTable('audit_entry').set({ hash: previous }).where('id', '=', row.id).execute();
  }
  await sql`CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('0020-audit-chain is not reversible');
}
