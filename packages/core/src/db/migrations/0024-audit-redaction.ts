import { sql, type Kysely } from 'kysely';

// Frozen once landed. Audit entries that can lose their content and keep their place in the chain:
// from now on an entry's hash covers a digest of what it says (its before, after and reason), not
// the text itself (format 2, audit/chain.ts). A takedown of personal data published by mistake can
// then delete that text from the entries about the bulletin, marking when, and the chain and every
// signed head still verify. Entries written before stay format 1: their hashes cover the text, so
// their text cannot be deleted without breaking the chain (a takedown says how many there are).
// The append-only triggers allow that one update, on format 2 entries, and nothing else.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE audit_entry ADD COLUMN format integer NOT NULL DEFAULT 1`.execute(db);
  await sql`ALTER TABLE audit_entry ADD COLUMN content_digest text`.execute(db);
  await sql`ALTER TABLE audit_entry ADD COLUMN redacted_at text`.execute(db);
  await sql`DROP TRIGGER audit_entry_no_update`.execute(db);
  await sql`
    CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    WHEN NOT (
      OLD.format = 2 AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
      AND NEW.before_json IS NULL AND NEW.after_json IS NULL AND NEW.reason IS NULL
      AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id IS OLD.actor_id AND NEW.actor_name = OLD.actor_name
      AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id
      AND NEW.hash IS OLD.hash AND NEW.format = OLD.format AND NEW.content_digest IS OLD.content_digest
    )
    BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0024-audit-redaction is not reversible');
}
