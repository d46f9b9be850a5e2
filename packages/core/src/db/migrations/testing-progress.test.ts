import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { listTestingRounds } from '../../testing-round/testing-round.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

describe('migration 0013: testing rounds published while they go on', () => {
  it('makes the rounds entered before final, at their completion time, and lets a round have dated progress', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0012-stated-figures')).error).toBeUndefined();
    const at = '2021-01-15T08:00:00.000Z';
    for (const [id, number, completed] of [
      ['t2', 2, '2021-01-14T12:00:00.000Z'],
      ['t1', 1, null],
    ] as const) {
      await sql`
        INSERT INTO testing_round (id, number, started_at, completed_at, collection_points, people_sampled, people_tested, positives,
          summary, status, version, created_at, published_at)
        VALUES (${id}, ${number}, NULL, ${completed}, 12000, NULL, 10000000, 354, NULL, 'published', 1, ${at}, ${at})
      `.execute(db);
    }
    await migrateToLatest(db);
    expect((await listTestingRounds(db)).map((r) => [r.number, r.stage, r.asOf, r.peopleTested])).toEqual([
      [2, 'final', '2021-01-14T12:00:00.000Z', 10_000_000],
      [1, 'final', null, 10_000_000],
    ]);
    const insert = (id: string, stage: string, asOf: string | null) =>
      sql`
      INSERT INTO testing_round (id, number, stage, as_of, status, version, created_at)
      VALUES (${id}, 2, ${stage}, ${asOf}, 'in_review', 1, ${at})
    `.execute(db);
    await insert('p1', 'in_progress', '2021-01-13T04:00:00.000Z');
    await expect(insert('p2', 'in_progress', '2021-01-13T04:00:00.000Z')).rejects.toThrow(/UNIQUE/);
    await expect(insert('f2', 'final', null)).rejects.toThrow(/UNIQUE/);
    await expect(insert('x', 'done', '2021-01-13T05:00:00.000Z')).rejects.toThrow(/CHECK/);
    await db.destroy();
  });
});
