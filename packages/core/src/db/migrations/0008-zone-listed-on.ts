import { sql, type Kysely } from 'kysely';

// Frozen once landed. A designation known only from a list "as of" a date (名单日期), without a
// stated start: the event keeps that date, the public site says "据1月28日通报" rather than a start
// time, and the event takes effect, for counting, at 00:00 of that date.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('zone_event')
    .addColumn('listed_on', 'text', (c) => c.check(sql`listed_on IS NULL OR listed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`))
    .execute();
}
