import type { Executor, Tx } from '../db/database.ts';

/** Runs fn in a transaction, joining the caller's transaction when there already is one. */
export function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}
