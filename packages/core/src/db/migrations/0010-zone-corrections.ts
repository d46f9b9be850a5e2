import type { Kysely } from 'kysely';

// Frozen once landed. Corrections of zones: a zone's name, place, type, or the level and times of a
// recorded change can be corrected, and a change recorded in error taken out of its history, each
// through a reviewed change with a public reason. The history keeps the event taken out (voided),
// and the public sees the correction, not a seal and a lift that never happened.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('zone_event').addColumn('voided_at', 'text').execute();
  await db.schema
    .alterTable('zone_event')
    .addColumn('voided_by_change', 'text', (c) => c.references('zone_change.id'))
    .execute();
  await db.schema
    .createTable('zone_correction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zone.id'))
    .addColumn('change_id', 'text', (c) => c.references('zone_change.id'))
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('prepared_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON: [{ label, before, after }] in words, as the public site shows them.
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('zone_correction_zone').on('zone_correction').columns(['zone_id', 'corrected_at']).execute();
}
