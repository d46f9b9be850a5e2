import { ensureReferenceData } from '../district/reference.ts';
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';

/** A fresh in-memory database with the real migrations and reference data. */
export async function testDatabase(): Promise<Db> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  await ensureReferenceData(db);
  return db;
}
