import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * Runs a migration that rebuilds tables (SQLite changes a column's constraints only by copying the
 * table): foreign keys off for its length, one transaction, and the foreign keys checked before it
 * commits, naming what they broke. Kysely runs SQLite migrations on one connection outside a
 * transaction, so the pragma holds for this migration only; it is put back as it was.
 */
export async function rebuildingTables(db: Kysely<any>, migration: string, run: (tx: Transaction<any>) => Promise<void>): Promise<void> {
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  const enforced = rows[0]?.foreign_keys === 1;
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await run(tx);
      const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) {
        throw new Error(`${migration}: foreign keys broken: ${broken.rows.map((r) => `${r.table} → ${r.parent}`).join(', ')}`);
      }
    });
  } finally {
    if (enforced) await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
