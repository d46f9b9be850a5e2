import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { listIsolationSnapshots } from '../../isolation/isolation.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

describe('migration 0017: isolation figures stated or not', () => {
  it('keeps every snapshot and its transfers, and lets a figure be not stated', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0016-blocked-items')).error).toBeUndefined();
    const at = '2021-01-15T04:00:00.000Z';
    await sql`INSERT INTO district (code, name, short_name, kind, sort_order) VALUES ('130109', '藁城区', '藁城', 'district', 1)`.execute(
      db,
    );
    await sql`
      INSERT INTO isolation_snapshot (id, as_of, sites, rooms, people, close_contacts, secondary_contacts, status, version, created_at, published_at)
      VALUES ('s1', ${at}, 434, 27831, 27014, NULL, NULL, 'published', 1, ${at}, ${at})
    `.execute(db);
    await sql`INSERT INTO isolation_transfer (snapshot_id, district_code, as_of, people) VALUES ('s1', '130109', ${at}, 14573)`.execute(db);
    await expect(
      sql`INSERT INTO isolation_snapshot (id, as_of, sites, rooms, people, status, version, created_at) VALUES ('s0', ${at}, 1, NULL, 1, 'in_review', 1, ${at})`.execute(
        db,
      ),
    ).rejects.toThrow(/NOT NULL/);

    await migrateToLatest(db);
    const [kept] = await listIsolationSnapshots(db);
    expect(kept).toMatchObject({ id: 's1', sites: 434, rooms: 27_831, people: 27_014 });
    expect(kept!.transfers.map((t) => t.people)).toEqual([14_573]);
    await sql`INSERT INTO isolation_snapshot (id, as_of, sites, rooms, people, status, version, created_at) VALUES ('s2', ${at}, 120, NULL, 11708, 'in_review', 1, ${at})`.execute(
      db,
    );
    await expect(
      sql`INSERT INTO isolation_snapshot (id, as_of, status, version, created_at) VALUES ('s3', ${at}, 'done', 1, ${at})`.execute(db),
    ).rejects.toThrow(/CHECK/);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pragma_foreign_key_check`.execute(db);
    expect(rows[0]!.n).toBe(0);
    await db.destroy();
  });
});
