// The administrative divisions as data, loaded from the shipped division codes (data/divisions/).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Executor } from '../db/database.ts';
import { getSetting, putSetting } from '../setting/setting.ts';
import { countyIndex, DIVISION_LEVELS, type CountyIndex, type DivisionLevel, type DivisionLike } from './names.ts';

export interface Division extends DivisionLike {
  sortOrder: number;
}

/** The city whose portal this is (its own districts, figures and pages); the province's other areas are shown apart. */
export const HOME_CITY_SETTING = 'division.home_city';
export const DEFAULT_HOME_CITY = '1301';

const SOURCE = new URL('../../data/divisions/hebei.csv', import.meta.url);

/** The setting that records which shipped file the table was last brought up to date with (its sha-256). */
const LOADED_SETTING = 'division.loaded_sha256';

let shipped: { rows: Division[]; sha256: string } | null = null;

function readShipped(): { rows: Division[]; sha256: string } {
  if (!shipped) {
    const text = readFileSync(SOURCE, 'utf8');
    const rows = (parse(text, { columns: true }) as Array<Record<string, string>>).map((r, i) => {
      if (!DIVISION_LEVELS.includes(r.level as DivisionLevel)) throw new Error(`divisions: row ${i + 2} has level '${r.level}'`);
      return { code: r.code!, name: r.name!, level: r.level as DivisionLevel, parentCode: r.parent_code || null, sortOrder: i + 1 };
    });
    shipped = { rows, sha256: createHash('sha256').update(text).digest('hex') };
  }
  return shipped;
}

/** The shipped divisions, parents before children, in the file's order. */
export function shippedDivisions(): Division[] {
  return readShipped().rows;
}

/**
 * Inserts the shipped divisions that are missing and updates those that differ; deletes none.
 * Skipped (nothing read from the table) when the table was already brought up to date with this very file.
 */
export async function loadDivisions(db: Executor): Promise<{ inserted: number; updated: number }> {
  const { rows, sha256 } = readShipped();
  if (!(await getSetting(db, HOME_CITY_SETTING))) await putSetting(db, HOME_CITY_SETTING, DEFAULT_HOME_CITY);
  if ((await getSetting(db, LOADED_SETTING)) === sha256) return { inserted: 0, updated: 0 };
  const existing = new Map(
    (await db.selectFrom('division').selectAll().execute()).map((r) => [r.code, `${r.name}|${r.level}|${r.parent_code}|${r.sort_order}`]),
  );
  const values = (d: Division) => ({ code: d.code, name: d.name, level: d.level, parent_code: d.parentCode, sort_order: d.sortOrder });
  const fresh = rows.filter((d) => !existing.has(d.code));
  const changed = rows.filter(
    (d) => existing.has(d.code) && existing.get(d.code) !== `${d.name}|${d.level}|${d.parentCode}|${d.sortOrder}`,
  );
  // New rows first (parents come first in the file, so each chunk's parents already exist), then
  // the changed ones, whose new parents may be among the new rows.
  for (let i = 0; i < fresh.length; i += 500)
    await db
      .insertInto('division')
      .values(fresh.slice(i, i + 500).map(values))
      .execute();
  for (const d of changed) await db.updateTable('division').set(values(d)).where('code', '=', d.code).execute();
  const inserted = fresh.length;
  const updated = changed.length;
  await putSetting(db, LOADED_SETTING, sha256);
  return { inserted, updated };
}

export async function homeCityCode(db: Executor): Promise<string> {
  return (await getSetting(db, HOME_CITY_SETTING)) ?? DEFAULT_HOME_CITY;
}

/** Divisions of the given levels (all when omitted), in official order. */
export async function listDivisions(db: Executor, levels?: readonly DivisionLevel[]): Promise<Division[]> {
  let q = db.selectFrom('division').selectAll().orderBy('sort_order');
  if (levels) q = q.where('level', 'in', levels);
  return (await q.execute()).map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level as DivisionLevel,
    parentCode: r.parent_code,
    sortOrder: r.sort_order,
  }));
}

/** County-level units of the whole province with their cities, for matching names; the home city's districts' short names included. */
export async function loadCountyIndex(db: Executor): Promise<CountyIndex<Division>> {
  const [divisions, homeCity, districts] = await Promise.all([
    listDivisions(db, ['province', 'city', 'county']),
    homeCityCode(db),
    db.selectFrom('district').select(['code', 'short_name']).execute(),
  ]);
  const shortNames = new Map(districts.map((d) => [d.code, [d.short_name]]));
  return countyIndex(divisions, { homeCity, shortNames });
}

export interface County {
  code: string;
  name: string;
  cityCode: string | null;
  cityName: string | null;
  /** One of the portal's own districts. */
  home: boolean;
}

/** Every county-level unit of the province with its city: the city's own districts first, in their order, then by code. */
export async function listCounties(db: Executor): Promise<County[]> {
  const [divisions, districts] = await Promise.all([
    listDivisions(db, ['city', 'county']),
    db.selectFrom('district').select(['code', 'sort_order']).execute(),
  ]);
  const cities = new Map(divisions.filter((d) => d.level === 'city').map((d) => [d.code, d.name]));
  const homeOrder = new Map(districts.map((d) => [d.code, d.sort_order]));
  return divisions
    .filter((d) => d.level === 'county')
    .map((d) => ({
      code: d.code,
      name: d.name,
      cityCode: d.parentCode,
      cityName: d.parentCode ? (cities.get(d.parentCode) ?? null) : null,
      home: homeOrder.has(d.code),
      order: homeOrder.get(d.code) ?? 1_000 + d.sortOrder,
    }))
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...county }) => county);
}
