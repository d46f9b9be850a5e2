import { sql, type Kysely } from 'kysely';

// Frozen once landed. A second factor at sign-in: a TOTP key (RFC 6238) per account, confirmed by a
// first code before it counts; the last time step used, so a code is never accepted twice.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE app_user ADD COLUMN totp_key text`.execute(db);
  await sql`ALTER TABLE app_user ADD COLUMN totp_pending_key text`.execute(db);
  await sql`ALTER TABLE app_user ADD COLUMN totp_enabled_at text`.execute(db);
  await sql`ALTER TABLE app_user ADD COLUMN totp_last_step integer`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0021-totp is not reversible');
}
