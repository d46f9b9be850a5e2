import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.ts';
import { inTransaction } from './tx.ts';

/**
 * Runs fn and undoes everything it wrote, returning what it returned: what a change would do, seen
 * through the same write functions that will make it. Works inside the caller's transaction too.
 */
export function dryRun<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await sql`savepoint dry_run`.execute(tx);
    try {
      return await fn(tx);
    } finally {
      await sql`rollback to savepoint dry_run`.execute(tx);
      await sql`release savepoint dry_run`.execute(tx);
    }
  });
}
