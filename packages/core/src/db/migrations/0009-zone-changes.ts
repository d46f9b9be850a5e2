import { sql, type Kysely } from 'kysely';
import { addReviewColumns, oneOf } from '../../review/migration.ts';

// Frozen once landed. Changes of zones go through review: a change (one or several operations on
// zones, a notice's sweep, an imported file) is stored with the public effect and the warnings the
// console showed, waits for a reviewer who is not its author, and is applied to the zones when
// approved. The events it applied name it.

export async function up(db: Kysely<any>): Promise<void> {
  await addReviewColumns(
    db.schema
      .createTable('zone_change')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(oneOf('kind', ['create', 'seal', 'relevel', 'lift', 'sweep', 'correct', 'import', 'mixed'])),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('operations', 'text', (c) => c.notNull())
      .addColumn('effect', 'text', (c) => c.notNull())
      .addColumn('warnings', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('urgent', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`urgent in (0, 1)`),
      ),
    ['in_review', 'returned', 'published'],
  ).execute();
  await db.schema.createIndex('zone_change_status').on('zone_change').columns(['status', 'submitted_at']).execute();
  await db.schema
    .alterTable('zone_event')
    .addColumn('change_id', 'text', (c) => c.references('zone_change.id'))
    .execute();
}
