import { sql, type Kysely } from 'kysely';
import { rebuildingTables } from './table-rebuild.ts';

// Frozen once landed. Figures as they were stated. Every figure of a report may be "not stated"
// (NULL), distinct from 0: the new and cumulative counts that were required, and a district's new
// counts. Reports gain the totals bulletins state besides confirmed and asymptomatic cases
// (cumulative discharged, deaths, released from medical observation) and a combined total of
// confirmed and asymptomatic cases kept as stated. A figure stated for a period other than the
// report's (57 discharged from 1月31日14时 to 2月1日14时) keeps its own period.

const NULLABLE: Record<string, string[]> = {
  report: ['new_confirmed', 'new_asymptomatic', 'cumulative_confirmed', 'cumulative_asymptomatic'],
  report_district: ['new_confirmed', 'new_asymptomatic'],
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rebuilds a table with the NOT NULL of `columns` dropped, keeping its rows, indexes and triggers. */
async function dropNotNull(db: Kysely<any>, table: string, columns: string[]): Promise<void> {
  const schema = await sql<{ type: string; sql: string }>`
    SELECT type, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL ORDER BY type = 'table' DESC, name
  `.execute(db);
  const [create, ...dependents] = schema.rows;
  if (!create || create.type !== 'table') throw new Error(`0012: table ${table} not found`);
  let body = create.sql;
  for (const column of columns) {
    const notNull = new RegExp(`("${column}"|\\b${column}\\b)(\\s+integer)\\s+not null`, 'i');
    if (!notNull.test(body)) throw new Error(`0012: ${table}.${column} is not a NOT NULL integer: ${body.slice(0, 120)}`);
    body = body.replace(notNull, '$1$2');
  }
  const rebuilt = `${table}__rebuilt`;
  const head = new RegExp(`^CREATE TABLE\\s+(?:"${table}"|${table})\\s*\\(`, 'i');
  if (!head.test(body)) throw new Error(`0012: unexpected definition of ${table}: ${body.slice(0, 80)}`);
  await sql.raw(body.replace(head, `CREATE TABLE ${quote(rebuilt)} (`)).execute(db);
  await sql.raw(`INSERT INTO ${quote(rebuilt)} SELECT * FROM ${quote(table)}`).execute(db);
  await sql.raw(`DROP TABLE ${quote(table)}`).execute(db);
  await sql.raw(`ALTER TABLE ${quote(rebuilt)} RENAME TO ${quote(table)}`).execute(db);
  for (const d of dependents) await sql.raw(d.sql).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildingTables(db, '0012', async (tx) => {
    for (const [table, columns] of Object.entries(NULLABLE)) await dropNotNull(tx, table, columns);
    for (const column of ['cumulative_discharged', 'cumulative_deaths', 'cumulative_released', 'combined_total']) {
      await tx.schema.alterTable('report').addColumn(column, 'integer').execute();
    }
    await tx.schema
      .createTable('report_figure_period')
      .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
      .addColumn('figure', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('period_end', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_figure_period_pk', ['report_id', 'figure'])
      .addCheckConstraint('report_figure_period_order', sql`period_end > period_start`)
      .execute();
  });
}

export async function down(): Promise<void> {
  throw new Error('0012-stated-figures is not reversible');
}
