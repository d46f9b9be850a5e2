import { sql, type Kysely } from 'kysely';

// Frozen once landed. A takedown: a published bulletin that should never have been public (personal
// data by mistake) loses its text and its attachments everywhere the public could read them; only
// the fact and the reason stay at its address. An admin and a reviewer take it together: one asks,
// the other confirms.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletin_takedown')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested', 'done', 'cancelled')`))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('requested_role', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('bulletin_takedown_open').on('bulletin_takedown').columns(['status', 'bulletin_id']).execute();
  await db.schema.alterTable('bulletin').addColumn('taken_down_at', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('0022-takedowns is not reversible');
}
