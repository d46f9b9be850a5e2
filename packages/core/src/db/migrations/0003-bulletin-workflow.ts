import { sql, type Kysely } from 'kysely';

// Frozen once landed. The editorial workflow of bulletins: review by a second person, scheduled
// publication, withdrawal, every transition recorded, and attachments that belong to revisions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bulletin').addColumn('submitted_at', 'text').execute();
  await db.schema
    .alterTable('bulletin')
    .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.alterTable('bulletin').addColumn('approved_at', 'text').execute();
  await db.schema
    .alterTable('bulletin')
    .addColumn('approved_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.alterTable('bulletin').addColumn('approved_revision', 'integer').execute();
  await db.schema.alterTable('bulletin').addColumn('review_comment', 'text').execute();
  await db.schema.createIndex('bulletin_status_idx').on('bulletin').column('status').execute();
  await db.schema.createIndex('bulletin_scheduled_idx').on('bulletin').column('scheduled_at').execute();

  // The file itself, kept in the database so every admin instance and every release sees the same bytes.
  await db.schema.alterTable('bulletin_attachment').addColumn('content', 'blob').execute();
  await db.schema.createIndex('bulletin_attachment_bulletin_idx').on('bulletin_attachment').column('bulletin_id').execute();

  // Which attachments a revision has: attachments are part of what is reviewed and published.
  await db.schema
    .createTable('bulletin_revision_attachment')
    .addColumn('bulletin_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('attachment_id', 'text', (c) => c.notNull().references('bulletin_attachment.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_revision_attachment_pk', ['bulletin_id', 'revision', 'attachment_id'])
    .addForeignKeyConstraint('bulletin_revision_attachment_revision_fk', ['bulletin_id', 'revision'], 'bulletin_revision', [
      'bulletin_id',
      'number',
    ])
    .execute();

  await db.schema
    .createTable('bulletin_transition')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('publish_at', 'text')
    .execute();
  await db.schema.createIndex('bulletin_transition_bulletin_idx').on('bulletin_transition').column('bulletin_id').execute();

  // Before this workflow, a saved revision of a published bulletin kept the status 'published'.
  // Such a revision has not been reviewed: it is a draft now, while the public keeps the published one.
  await db
    .updateTable('bulletin')
    .set({ status: 'draft' })
    .where('status', '=', 'published')
    .whereRef('current_revision', '!=', 'published_revision')
    .execute();
  // Earlier publications are recorded as transitions, so the public page can list them.
  await sql`
    INSERT INTO bulletin_transition (bulletin_id, revision, from_status, to_status, at, actor_id, actor_name, comment, publish_at)
    SELECT id, published_revision, NULL, 'published', published_at, NULL, '系统', '工作流程启用前发布', NULL
    FROM bulletin WHERE published_revision IS NOT NULL AND published_at IS NOT NULL
  `.execute(db);
}
