import type { Kysely } from 'kysely';

// Frozen once landed. One item that cannot be built (a bulletin whose attachment no longer matches
// its checksum, a page that fails to render) no longer stops the whole public site: the publisher
// sets it aside here, with the reason, and publishes the rest. It is tried again when the item is
// changed (a later site change with the same public page) or when someone asks for it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blocked_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    // The item's public page: a later change of the same page tries it again.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('release_id', 'text', (c) => c.notNull())
    .addColumn('blocked_at', 'text', (c) => c.notNull())
    // The latest site change when it was set aside.
    .addColumn('after_change', 'integer', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('cleared_by_name', 'text')
    .addColumn('cleared_reason', 'text')
    .execute();
  await db.schema.createIndex('blocked_item_active').on('blocked_item').columns(['cleared_at', 'path']).execute();
}

export async function down(): Promise<void> {
  throw new Error('0016-blocked-items is not reversible');
}
