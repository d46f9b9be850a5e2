import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { ensureLevelSchemes, listLevels } from '../../zone/levels.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

describe('0006: whether a level is a control level', () => {
  it('marks 低风险 and 防范区 of a database seeded before it as not control levels, every other level as control', async () => {
    const db = openDatabase(':memory:');
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0005-typed-states');
    expect(error).toBeUndefined();
    const seed = [
      ['risk-2021', 'high', 3],
      ['risk-2021', 'medium', 2],
      ['risk-2021', 'low', 1],
      ['control-2022', 'sealed', 3],
      ['control-2022', 'controlled', 2],
      ['control-2022', 'precaution', 1],
    ] as const;
    for (const scheme of new Set(seed.map(([s]) => s))) {
      await db.insertInto('level_scheme').values({ id: scheme, name: scheme, description: null, sort_order: 1 }).execute();
    }
    for (const [scheme, code, severity] of seed) {
      await db
        .insertInto('zone_level')
        .values({ id: `${scheme}.${code}`, scheme_id: scheme, code, name: code, name_en: code, severity } as never)
        .execute();
    }

    expect(await migrateToLatest(db)).toContain('0006-level-control');

    const control = Object.fromEntries((await listLevels(db)).map((l) => [l.id, l.control]));
    expect(control).toEqual({
      'control-2022.sealed': true,
      'control-2022.controlled': true,
      'control-2022.precaution': false,
      'risk-2021.high': true,
      'risk-2021.medium': true,
      'risk-2021.low': false,
    });
  });

  it('seeds a new database with the same flags', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    await ensureLevelSchemes(db);
    const low = (await listLevels(db)).filter((l) => !l.control).map((l) => l.name);
    expect(low.sort()).toEqual(['低风险', '防范区'].sort());
  });
});
