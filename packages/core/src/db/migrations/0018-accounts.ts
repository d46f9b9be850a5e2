import { sql, type Kysely } from 'kysely';

// Frozen once landed. Accounts an admin can manage: a password reset by an admin gives a temporary
// password that must be changed at the next sign-in; a user sees their own sessions by where and
// with what they were opened; failed sign-ins are counted in the database, so a restart of the
// console does not give a guesser a fresh start (the table has the layout of rate-limiter-flexible's
// SQLite store).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE app_user ADD COLUMN must_change_password integer not null default 0`.execute(db);
  await sql`ALTER TABLE app_user ADD COLUMN password_changed_at text`.execute(db);
  await sql`ALTER TABLE session ADD COLUMN address text`.execute(db);
  await sql`ALTER TABLE session ADD COLUMN user_agent text`.execute(db);
  await sql`CREATE TABLE sign_in_limit (key text primary key, points integer not null default 0, expire integer)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0018-accounts is not reversible');
}
