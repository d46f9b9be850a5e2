import { sql, type Kysely } from 'kysely';

// Frozen once landed. What the public transparency log says of a site change, when it must say less
// than the console does: a bulletin's change is logged as what was done and where ('发布公告',
// '/bulletins/…/'), never with its title, so a takedown of personal data published by mistake
// leaves none of it in the append-only log. The bulletin changes recorded before are rewritten to
// the same form; a log published before this migration had their titles, so a verifier that kept
// a checkpoint of it sees the log rewritten once (this was before any installation published one).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE site_change ADD COLUMN log_reason text`.execute(db);
  await sql`
    UPDATE site_change SET log_reason = substr(reason, 1, instr(reason, '：') - 1)
    WHERE path LIKE '/bulletins/%' AND instr(reason, '：') > 1
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0023-site-change-log-reason is not reversible');
}
