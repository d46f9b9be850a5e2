import type { Kysely } from 'kysely';

// Frozen once landed. Two-person review of figures (reports, testing rounds, isolation snapshots)
// and corrections of published reports prepared by one person and applied when another approves.

const REVIEWED = ['report', 'testing_round', 'isolation_snapshot'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of REVIEWED) {
    await db.schema.alterTable(table).addColumn('submitted_at', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
      .execute();
    await db.schema.alterTable(table).addColumn('reviewed_at', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('reviewed_by', 'text', (c) => c.references('app_user.id'))
      .execute();
    await db.schema.alterTable(table).addColumn('review_comment', 'text').execute();
    await db.schema.createIndex(`${table}_status_idx`).on(table).column('status').execute();
  }
  // The reconciliation issues the written justification answered when the report was submitted,
  // so approval can tell whether a report published in between changed them.
  await db.schema.alterTable('report').addColumn('reconciliation_json', 'text').execute();

  await db.schema
    .createTable('correction_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // The version of the entity the correction was prepared against: approval refuses a stale one.
    .addColumn('entity_version', 'integer', (c) => c.notNull())
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // in_review | applied | returned
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('prepared_at', 'text', (c) => c.notNull())
    .addColumn('prepared_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('review_comment', 'text')
    .execute();
  await db.schema.createIndex('correction_request_entity_idx').on('correction_request').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('correction_request_status_idx').on('correction_request').column('status').execute();

  // An applied correction names both people: who prepared it and who approved it (corrected_by).
  await db.schema
    .alterTable('correction')
    .addColumn('prepared_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .alterTable('correction')
    .addColumn('request_id', 'text', (c) => c.references('correction_request.id'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0002-review-and-corrections is not reversible');
}
