import type { Kysely } from 'kysely';

// Frozen once landed. Changes to published isolation facilities and press conferences: each change
// keeps its reason and what it changed, so the public pages can say when and why they were updated.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('isolation_facility_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull().references('isolation_facility.id').onDelete('cascade'))
    // The facility's version the change produced.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // [{ field, before, after }] for the fields that changed.
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('isolation_facility_change_facility_idx').on('isolation_facility_change').column('facility_id').execute();

  await db.schema
    .createTable('press_conference_update')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('press_conference.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // The names of the parts that changed ('title', 'links', …).
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('press_conference_update_conference_idx').on('press_conference_update').column('conference_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('0004-figures-followups is not reversible');
}
