// Migration helpers of reviewed kinds. A migration that adds a new reviewed kind calls
// `addReviewColumns` with the statuses the kind uses, written out as literals in the migration
// (a landed migration is frozen: it must not change when the statuses of the code change).
import { sql, type CreateTableBuilder, type RawBuilder } from 'kysely';

/** A CHECK expression: `column` holds one of `values` (or NULL, when the column is nullable). */
export function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** Adds the review columns (`ReviewColumns` in `table.ts`) to a new table, its status checked by the database. */
export function addReviewColumns<T extends string, C extends string>(table: CreateTableBuilder<T, C>, statuses: readonly string[]) {
  return table
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', statuses)))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('review_comment', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('app_user.id'));
}
