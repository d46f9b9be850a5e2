import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { listPublicBulletins } from './bulletin.ts';

describe('the bulletin workflow migration', () => {
  it('turns an unreviewed revision of a published bulletin into a draft and records earlier publications', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo('0002-review-and-corrections');
    expect(error).toBeUndefined();
    // As the first version left it: revision 2 saved after revision 1 was published.
    const base = { status: 'published', scheduled_at: null, withdrawn_at: null, withdrawn_reason: null, created_by: null };
    await db
      .insertInto('bulletin')
      .values({
        ...base,
        id: 'b1',
        current_revision: 2,
        published_revision: 1,
        first_published_at: '2021-01-06T00:00:00.000Z',
        published_at: '2021-01-06T00:00:00.000Z',
        version: 3,
        created_at: '2021-01-06T00:00:00.000Z',
        updated_at: '2021-01-07T00:00:00.000Z',
      } as never)
      .execute();
    for (const number of [1, 2]) {
      await db
        .insertInto('bulletin_revision')
        .values({
          bulletin_id: 'b1',
          number,
          title: `第${number}稿`,
          issuer: '市政府',
          issued_on: '2021-01-06',
          category: 'notice',
          body_md: '正文',
          change_reason: number === 2 ? '补充' : null,
          created_at: '2021-01-06T00:00:00.000Z',
          created_by: null,
        })
        .execute();
    }
    await migrateToLatest(db);
    const row = await db.selectFrom('bulletin').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', current_revision: 2, published_revision: 1 });
    const [shown] = await listPublicBulletins(db);
    expect(shown).toMatchObject({
      title: '第1稿',
      publications: [{ at: '2021-01-06T00:00:00.000Z', revision: 1, reason: null }],
      updated: null,
    });
  });
});
