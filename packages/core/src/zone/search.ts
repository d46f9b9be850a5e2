// The console's zone list: filtered, sorted and paged in SQL (portable SQL: SQLite now, PostgreSQL later).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.ts';
import { zoneSearchInput, type ZoneSearchInput } from './schema.ts';
import { listZones, PLACE_ORDER, type ZoneView } from './zone.ts';

export interface ZoneSearchResult {
  rows: ZoneView[];
  /** Zones matching the filters. */
  total: number;
  /** All zones, filters or not. */
  all: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of zones with their state at `at`. A zone's state at a moment is its last event in effect
 * then (events are recorded in effective order), so status and level are read from that event.
 */
export async function searchZones(db: Executor, raw: ZoneSearchInput, now: string): Promise<ZoneSearchResult> {
  const input = zoneSearchInput.parse(raw);
  const at = input.at ?? now;

  const zones = db
    .selectFrom('zone')
    .innerJoin('division as county', 'county.code', 'zone.district_code')
    .leftJoin('district', 'district.code', 'zone.district_code')
    .select((eb) => {
      const inEffect = (column: 'action' | 'level_id' | 'effective_at') =>
        eb
          .selectFrom('zone_event as e')
          .select(`e.${column}`)
          .whereRef('e.zone_id', '=', 'zone.id')
          .where('e.voided_at', 'is', null)
          .where('e.effective_at', '<=', at)
          .orderBy('e.seq', 'desc')
          .limit(1);
      return [
        'zone.id as id',
        'zone.name as name',
        'zone.address as address',
        'zone.district_code as district_code',
        'county.name as district_name',
        PLACE_ORDER.as('district_order'),
        inEffect('action').as('cur_action'),
        inEffect('level_id').as('cur_level'),
        inEffect('effective_at').as('cur_effective'),
        eb
          .selectFrom('zone_event as s')
          .select((s) => s.fn.max('s.effective_at').as('m'))
          .whereRef('s.zone_id', '=', 'zone.id')
          .where('s.voided_at', 'is', null)
          .where('s.action', '=', 'seal')
          .where('s.effective_at', '<=', at)
          .as('sealed_since'),
        eb
          .selectFrom('zone_event as r')
          .select((r) => r.fn.max('r.recorded_at').as('m'))
          .whereRef('r.zone_id', '=', 'zone.id')
          .where('r.voided_at', 'is', null)
          .as('last_changed'),
      ];
    });

  let filtered = db.selectFrom(zones.as('z')).leftJoin('zone_level as l', 'l.id', 'z.cur_level');
  if (input.districtCode) filtered = filtered.where('z.district_code', '=', input.districtCode);
  if (input.levelId) filtered = filtered.where('z.cur_level', '=', input.levelId);
  // 'sealed' means under control: designated at a control level (an area lowered to 低风险 is not).
  if (input.status === 'sealed') filtered = filtered.where('z.cur_action', 'in', ['seal', 'relevel']).where('l.control', '=', 1);
  // 'lifted' means control has ended: lifted, or lowered to a level that is not a control level.
  if (input.status === 'lifted') {
    filtered = filtered.where((eb) => eb.or([eb('z.cur_action', '=', 'lift'), eb('l.control', '=', 0)]));
  }
  if (input.status === 'none') filtered = filtered.where('z.cur_action', 'is', null);
  if (input.q) {
    const needle = `%${escapeLike(input.q.toLowerCase())}%`;
    filtered = filtered.where(
      sql<SqlBool>`lower(z.district_name || ' ' || z.name || ' ' || coalesce(z.address, '')) like ${needle} escape '\\'`,
    );
  }

  const since = sql<string | null>`case when z.cur_action = 'lift' then z.cur_effective else z.sealed_since end`;
  const key: Record<typeof input.sort, Expression<unknown>> = {
    district: sql`z.district_order`,
    name: sql`z.name`,
    level: sql`l.severity`,
    since,
    changed: sql`z.last_changed`,
  };
  const sortKey = key[input.sort];

  const [{ n: total }, { n: all }] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('zone')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const pageCount = Math.max(1, Math.ceil(Number(total) / input.pageSize));
  const page = Math.min(input.page, pageCount);
  const ids = await filtered
    .select('z.id')
    // Zones without a value (lifted: no level) go last in either direction.
    .orderBy(sql`case when ${sortKey} is null then 1 else 0 end`)
    .orderBy(sortKey, input.dir)
    .orderBy('z.district_order')
    .orderBy('z.name')
    .orderBy('z.id')
    .limit(input.pageSize)
    .offset((page - 1) * input.pageSize)
    .execute();

  const views = ids.length > 0 ? await listZones(db, at, { zoneIds: ids.map((r) => r.id) }) : [];
  const byId = new Map(views.map((v) => [v.id, v]));
  return {
    rows: ids.map((r) => byId.get(r.id)!),
    total: Number(total),
    all: Number(all),
    page,
    pageSize: input.pageSize,
    pageCount,
  };
}
