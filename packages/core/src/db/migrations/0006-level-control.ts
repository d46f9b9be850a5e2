import { sql, type Kysely } from 'kysely';

// Frozen once landed. Whether a level puts an area under control: a notice that lowers an area to
// 低风险 ends its control (it is no longer counted, listed or found as a controlled area), while
// the level itself stays on record.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('zone_level')
    .addColumn('control', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`control in (0, 1)`),
    )
    .execute();
  await db.updateTable('zone_level').set({ control: 0 }).where('id', 'in', ['risk-2021.low', 'control-2022.precaution']).execute();
}
