import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { logEntries } from '../../translog/log.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

describe('migration 0023: what the transparency log says of a site change', () => {
  it("drops a bulletin's title from the changes recorded before, and keeps every other change as it was", async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0022-takedowns')).error).toBeUndefined();
    const insert = (reason: string, path: string | null) =>
      sql`
        INSERT INTO site_change (reason, path, requested_at, requested_by, requested_by_name)
        VALUES (${reason}, ${path}, '2021-01-15T12:00:00.000Z', NULL, '系统')
      `.execute(db);
    await insert('发布公告：关于张某某的情况通报', '/bulletins/b1/');
    await insert('撤下公告（内容已删除）', '/bulletins/b1/');
    await insert('市领导小组公告：藁城区全域调整为高风险地区', '/zones/gaocheng/');
    await insert('更新疫情通报', null);
    await migrateToLatest(db);

    const entries = await logEntries(db, 4);
    expect(entries.map((e) => e.reason)).toEqual([
      '发布公告',
      '撤下公告（内容已删除）',
      '市领导小组公告：藁城区全域调整为高风险地区',
      '更新疫情通报',
    ]);
    // The console's history keeps the title until a takedown.
    const reasons = await db.selectFrom('site_change').select('reason').orderBy('id').execute();
    expect(reasons[0]!.reason).toBe('发布公告：关于张某某的情况通报');
    await db.destroy();
  });
});
