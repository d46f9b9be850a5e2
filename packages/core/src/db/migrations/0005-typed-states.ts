import { sql, type Kysely } from 'kysely';

// Frozen once landed. Every status column gets a CHECK constraint naming the values it may hold.
// SQLite cannot add a CHECK to an existing table, so each table is rebuilt: created anew with the
// constraint, filled from the old one, which is dropped and replaced under its name; its indexes
// and triggers are created again. Foreign keys are off meanwhile (dropping a table with them on
// would delete the child rows that cascade from it) and checked as a whole before committing.
// The values are written out here, not imported: this migration must not change with the code.

const FIGURES = ['in_review', 'returned', 'published'];

const CHECKS: Record<string, Record<string, { values: string[]; nullable?: boolean }>> = {
  report: { status: { values: FIGURES } },
  testing_round: { status: { values: FIGURES } },
  isolation_snapshot: { status: { values: FIGURES } },
  correction_request: {
    status: { values: ['in_review', 'applied', 'returned'] },
    entity_type: { values: ['report', 'testing_round', 'isolation_snapshot'] },
  },
  bulletin: { status: { values: ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'] } },
  bulletin_transition: {
    from_status: { values: ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'], nullable: true },
    to_status: { values: ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'] },
  },
  isolation_facility: { status: { values: ['under_construction', 'in_use', 'closed'] } },
  // Conferences are published directly: no other state exists.
  press_conference: { status: { values: ['published'] } },
  release: { status: { values: ['queued', 'building', 'live', 'retired', 'failed'] } },
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const list = (values: string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

async function rebuildWithChecks(
  db: Kysely<any>,
  table: string,
  checks: Record<string, { values: string[]; nullable?: boolean }>,
): Promise<void> {
  const schema = await sql<{ type: string; sql: string }>`
    SELECT type, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL ORDER BY type = 'table' DESC, name
  `.execute(db);
  const [create, ...dependents] = schema.rows;
  if (!create || create.type !== 'table') throw new Error(`0005: table ${table} not found`);
  // Refuse rather than drop what the database holds: name the table, the column and the values.
  for (const [column, { values }] of Object.entries(checks)) {
    const bad = await sql<{ value: string }>`
      SELECT DISTINCT ${sql.ref(column)} AS value FROM ${sql.table(table)}
      WHERE ${sql.ref(column)} IS NOT NULL AND ${sql.ref(column)} NOT IN (${sql.join(values.map((v) => sql.lit(v)))})
    `.execute(db);
    if (bad.rows.length > 0)
      throw new Error(`0005: ${table}.${column} holds ${bad.rows.map((r) => `'${r.value}'`).join(', ')}, allowed: ${values.join(', ')}`);
  }
  const rebuilt = `${table}__rebuilt`;
  const head = new RegExp(`^CREATE TABLE\\s+(?:"${table}"|${table})\\s*\\(`, 'i');
  if (!head.test(create.sql)) throw new Error(`0005: unexpected definition of ${table}: ${create.sql.slice(0, 80)}`);
  const constraints = Object.entries(checks)
    .map(([column, { values, nullable }]) => {
      const inList = `${quote(column)} IN (${list(values)})`;
      return `, CONSTRAINT ${quote(`${table}_${column}_check`)} CHECK (${nullable ? `${quote(column)} IS NULL OR ${inList}` : inList})`;
    })
    .join('');
  const body = create.sql.replace(head, `CREATE TABLE ${quote(rebuilt)} (`).replace(/\)\s*$/, `${constraints})`);
  await sql.raw(body).execute(db);
  await sql.raw(`INSERT INTO ${quote(rebuilt)} SELECT * FROM ${quote(table)}`).execute(db);
  await sql.raw(`DROP TABLE ${quote(table)}`).execute(db);
  await sql.raw(`ALTER TABLE ${quote(rebuilt)} RENAME TO ${quote(table)}`).execute(db);
  for (const d of dependents) await sql.raw(d.sql).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction, on one connection: the pragma holds for
  // this migration and cannot be changed inside the transaction below.
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  const enforced = rows[0]?.foreign_keys === 1;
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      for (const [table, checks] of Object.entries(CHECKS)) await rebuildWithChecks(tx, table, checks);
      const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) {
        throw new Error(`0005: foreign keys broken: ${broken.rows.map((r) => `${r.table} → ${r.parent}`).join(', ')}`);
      }
    });
  } finally {
    if (enforced) await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('0005-typed-states is not reversible');
}
