import { sql, type Kysely } from 'kysely';

// Frozen once landed. The administrative divisions (province, cities, county-level units,
// townships) as data: a zone may lie in any county-level unit of the province, not only in the
// portal's own city. The rows come from the shipped division codes, loaded with the reference data
// at start; this migration carries over the county-level units the database already knows (its
// districts), so that every zone keeps a valid reference, and points zone.district_code at them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('division')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'city', 'county', 'township')`))
    .addColumn('parent_code', 'text', (c) => c.references('division.code'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('division_parent_idx').on('division').column('parent_code').execute();
  await db.schema.createIndex('division_name_idx').on('division').column('name').execute();
  await sql`INSERT INTO division (code, name, level, parent_code, sort_order)
            SELECT code, name, 'county', NULL, sort_order FROM district`.execute(db);

  // SQLite cannot change a foreign key in place: the zone table is rebuilt with the new reference,
  // foreign keys off meanwhile (as in 0005) and checked as a whole before committing.
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  const enforced = rows[0]?.foreign_keys === 1;
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await tx.schema
        .createTable('zone__rebuilt')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('district_code', 'text', (c) => c.notNull().references('division.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('zone_district_name_uq', ['district_code', 'name'])
        .execute();
      await sql`INSERT INTO zone__rebuilt (id, district_code, name, address, kind, version, created_at, updated_at)
                SELECT id, district_code, name, address, kind, version, created_at, updated_at FROM zone`.execute(tx);
      await sql`DROP TABLE zone`.execute(tx);
      await sql`ALTER TABLE zone__rebuilt RENAME TO zone`.execute(tx);
      const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) {
        const first = broken.rows[0]!;
        throw new Error(`0007: ${broken.rows.length} broken foreign keys, first in ${first.table} → ${first.parent}`);
      }
    });
  } finally {
    if (enforced) await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
