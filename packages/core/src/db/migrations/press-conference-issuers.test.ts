import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { getPressConference, listPressConferenceAliases, listPressConferences } from '../../press-conference/press-conference.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

const at = '2021-01-15T08:00:00.000Z';

describe('migration 0011: conferences of more than one body', () => {
  it('makes the conferences entered before the city’s own, keeps their children, and redirects their old addresses', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0010-zone-corrections')).error).toBeUndefined();
    for (const [id, number] of [
      ['p11', 11],
      ['p2', 2],
    ] as const) {
      await sql`
        INSERT INTO press_conference (id, number, held_on, starts_at, title, summary, status, version, created_at, created_by, published_at, published_by)
        VALUES (${id}, ${number}, ${number === 11 ? '2021-01-15' : '2021-01-07'}, NULL, ${`第${number}场`}, '摘要', 'published', 1, ${at}, NULL, ${at}, NULL)
      `.execute(db);
    }
    await sql`INSERT INTO press_conference_agency (conference_id, seq, name) VALUES ('p11', 0, '市市场监管局')`.execute(db);

    await migrateToLatest(db);
    expect((await listPressConferences(db)).map((c) => [c.level, c.issuer, c.number, c.slug, c.agencies])).toEqual([
      ['municipal', '石家庄市人民政府新闻办公室', 11, 'city-11', ['市市场监管局']],
      ['municipal', '石家庄市人民政府新闻办公室', 2, 'city-2', []],
    ]);
    expect(await listPressConferenceAliases(db)).toEqual([
      { from: '11', to: 'city-11' },
      { from: '2', to: 'city-2' },
    ]);
    expect((await getPressConference(db, '11')).id).toBe('p11');
    // The new constraints hold: a number once per body, none below 1.
    const insert = (id: string, number: number | null) =>
      sql`
      INSERT INTO press_conference (id, issuer_level, issuer, number, slug, held_on, title, summary, status, version, created_at)
      VALUES (${id}, 'municipal', '石家庄市人民政府新闻办公室', ${number}, ${id}, '2021-01-16', 't', 's', 'published', 1, ${at})
    `.execute(db);
    await expect(insert('x', 11)).rejects.toThrow(/UNIQUE/);
    await expect(insert('y', 0)).rejects.toThrow(/CHECK/);
    await insert('z1', null);
    await insert('z2', null);
    const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    expect(rows[0]?.foreign_keys).toBe(1);
    await db.destroy();
  });
});
