// The kinds of figures as they are read: each item with its per-district rows and the corrections
// applied since publication, so every figure can be shown beside what it was.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { appliedCorrections, type FigureCorrection } from './applied-corrections.ts';
import type { CorrectionEntityType } from './correction-schema.ts';

/** Where each kind keeps its per-district rows, and the column naming the item they belong to. */
export const DISTRICT_ROWS = {
  report: { table: 'report_district', idColumn: 'report_id' },
  testing_round: { table: 'testing_round_district', idColumn: 'round_id' },
  isolation_snapshot: { table: 'isolation_transfer', idColumn: 'snapshot_id' },
} as const satisfies Record<CorrectionEntityType, { table: keyof Database; idColumn: string }>;

type DistrictTable<T extends CorrectionEntityType> = Database[(typeof DISTRICT_ROWS)[T]['table']];

/** A per-district row of a kind, with the district's name. */
export type DistrictRow<T extends CorrectionEntityType> = Selectable<DistrictTable<T>> & {
  district_name: string;
};

/**
 * Items of a kind of figures from their rows: `item` makes one from its row, its per-district rows
 * (in the city's order) and its applied corrections (oldest first).
 */
export async function figureItems<T extends CorrectionEntityType, Row extends { id: string }, Item>(
  db: Executor,
  type: T,
  rows: readonly Row[],
  item: (row: Row, districts: DistrictRow<T>[], corrections: FigureCorrection[]) => Item,
): Promise<Item[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // The table and columns come from the fixed table above; Kysely is given one of them to type the statement.
  const { table, idColumn } = DISTRICT_ROWS[type] as (typeof DISTRICT_ROWS)['report'];
  const districts = (await db
    .selectFrom(table)
    .innerJoin('district', 'district.code', `${table}.district_code`)
    .selectAll(table)
    .select('district.name as district_name')
    .where(idColumn, 'in', ids)
    .orderBy('district.sort_order')
    .execute()) as unknown as Array<DistrictRow<T> & Record<string, unknown>>;
  const corrections = await appliedCorrections(db, type, ids);
  return rows.map((r) =>
    item(
      r,
      districts.filter((d) => d[idColumn] === r.id),
      corrections.get(r.id) ?? [],
    ),
  );
}

/** The item the first row a query finds makes (through the kind's `hydrate`), or null when it finds none. */
export async function firstItem<Row, Item>(
  db: Executor,
  found: Promise<Row | undefined>,
  hydrate: (db: Executor, rows: Row[]) => Promise<Item[]>,
): Promise<Item | null> {
  const row = await found;
  return row ? (await hydrate(db, [row]))[0]! : null;
}

/** Replaces an item's per-district rows with `rows` (each without the column naming the item). */
export async function replaceDistrictRows<T extends CorrectionEntityType>(
  tx: Executor,
  type: T,
  id: string,
  rows: Array<Omit<Insertable<DistrictTable<T>>, (typeof DISTRICT_ROWS)[T]['idColumn']>>,
): Promise<void> {
  const { table, idColumn } = DISTRICT_ROWS[type];
  // The table and columns come from the fixed table above, never from input.
  const db = tx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await db.deleteFrom(table).where(idColumn, '=', id).execute();
  if (rows.length > 0)
    await db
      .insertInto(table)
      .values(rows.map((row) => ({ [idColumn]: id, ...row })))
      .execute();
}
