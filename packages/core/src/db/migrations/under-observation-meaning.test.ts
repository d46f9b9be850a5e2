import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { listReports } from '../../report/report.ts';
import { migrateToLatest, openDatabase } from '../database.ts';
import { migrations } from './index.ts';

describe('migration 0014: a report figure whose meaning changed', () => {
  it('takes out the people under medical observation written before 0012, as a public correction, and keeps what was written since', async () => {
    const db = openDatabase(':memory:');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0013-testing-progress')).error).toBeUndefined();
    const insert = (id: string, status: string, at: string, underObservation: number) =>
      sql`
        INSERT INTO report (id, period_start, period_end, new_confirmed, under_observation, status, version, created_at, published_at)
        VALUES (${id}, ${`2021-01-1${id.length}T16:00:00.000Z`}, ${`2021-01-1${id.length + 1}T16:00:00.000Z`}, 10, ${underObservation},
          ${status}, 1, ${at}, ${status === 'published' ? at : null})
      `.execute(db);
    // Entered in 2021 under the old meaning (close contacts and others under observation).
    await insert('a', 'published', '2021-01-15T12:00:00.000Z', 8_000);
    await insert('bb', 'in_review', '2021-01-16T12:00:00.000Z', 9_000);
    // Entered after 0012, under the new meaning (现有无症状).
    await insert('ccc', 'published', '2999-01-01T00:00:00.000Z', 215);
    await migrateToLatest(db);

    const reports = new Map((await listReports(db, { includeUnpublished: true })).map((r) => [r.id, r]));
    expect(reports.get('a')).toMatchObject({ underObservation: null, version: 2 });
    expect(reports.get('a')!.corrections).toEqual([
      expect.objectContaining({ field: 'underObservation', oldValue: 8_000, newValue: null }),
    ]);
    expect(reports.get('a')!.corrections[0]!.reason).toMatch(/现有无症状/);
    expect(reports.get('ccc')).toMatchObject({ underObservation: 215, version: 1, corrections: [] });
    const bb = await db.selectFrom('report').select(['under_observation']).where('id', '=', 'bb').executeTakeFirstOrThrow();
    expect(bb.under_observation).toBeNull();
    // Every change in the audit log; a report not yet published gets no public correction.
    const audit = await db.selectFrom('audit_entry').select(['entity_id', 'before_json', 'after_json']).orderBy('entity_id').execute();
    expect(audit).toEqual([
      { entity_id: 'a', before_json: '{"underObservation":8000}', after_json: '{"underObservation":null}' },
      { entity_id: 'bb', before_json: '{"underObservation":9000}', after_json: '{"underObservation":null}' },
    ]);
    expect(await db.selectFrom('correction').select('entity_id').execute()).toEqual([{ entity_id: 'a' }]);
    await db.destroy();
  });
});
