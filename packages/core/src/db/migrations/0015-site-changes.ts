import type { Kysely } from 'kysely';

// Frozen once landed. "The public site is behind the data" is kept in the database: every change
// the public site shows adds a row to `site_change`, in the transaction of the change itself, and a
// release records the last change its data includes (`through_change`). A change whose id is above
// the live release's is not live yet: the publisher builds from that state on start and after a
// failure, so no acknowledged change is left off the site when a process dies.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_change')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    // The public page that shows the change, when the write knows it ('/press-conferences/city-12/').
    .addColumn('path', 'text')
    .execute();
  await db.schema.alterTable('release').addColumn('through_change', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('0015-site-changes is not reversible');
}
