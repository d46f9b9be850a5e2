import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { ensureReferenceData } from '../../district/reference.ts';
import { loadDivisions } from '../../division/division.ts';
import { listZones } from '../../zone/zone.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

describe('0007: divisions', () => {
  it('keeps every zone and its events, now pointing at the divisions, and then loads the whole province', async () => {
    const db = openDatabase(':memory:');
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0006-level-control');
    expect(error).toBeUndefined();
    await db
      .insertInto('district')
      .values({ code: '130109', name: '藁城区', short_name: '藁城区', kind: 'district', sort_order: 6, note: null })
      .execute();
    await db.insertInto('level_scheme').values({ id: 'risk-2021', name: 'r', description: null, sort_order: 1 }).execute();
    await db
      .insertInto('zone_level')
      .values({ id: 'risk-2021.high', scheme_id: 'risk-2021', code: 'high', name: '高风险', name_en: 'High risk', severity: 3, control: 1 })
      .execute();
    const at = '2021-01-05T12:00:00.000Z';
    const zone = {
      id: 'z1',
      district_code: '130109',
      name: '增村镇小果庄村',
      address: null,
      kind: 'village',
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await db.insertInto('zone').values(zone).execute();
    await db
      .insertInto('zone_event')
      .values({
        id: 'e1',
        zone_id: 'z1',
        seq: 1,
        action: 'seal',
        level_id: 'risk-2021.high',
        effective_at: at,
        planned_end_at: null,
        notice: '公告',
        note: null,
        recorded_at: at,
        recorded_by: null,
        recorded_by_name: '管理员',
      })
      .execute();

    expect(await migrateToLatest(db)).toContain('0007-divisions');
    expect(await db.selectFrom('zone').selectAll().execute()).toEqual([zone]);
    expect(await db.selectFrom('division').select(['code', 'name', 'level']).execute()).toEqual([
      { code: '130109', name: '藁城区', level: 'county' },
    ]);
    // The zone now refers to the divisions: an unknown county is refused by the database.
    await expect(sql`INSERT INTO zone VALUES ('z2', '999999', 'x', NULL, 'village', 1, ${at}, ${at})`.execute(db)).rejects.toThrow(
      /FOREIGN KEY/,
    );

    await ensureReferenceData(db);
    // Started again with the same file: the table is not read or written again.
    expect(await loadDivisions(db)).toEqual({ inserted: 0, updated: 0 });
    const [view] = await listZones(db, at);
    expect(view).toMatchObject({ districtName: '藁城区', cityCode: '1301', cityName: '石家庄市', home: true, events: [{ id: 'e1' }] });
    expect(await db.selectFrom('division').where('parent_code', '=', '1305').select('name').execute()).toContainEqual({ name: '南宫市' });
  });
});
