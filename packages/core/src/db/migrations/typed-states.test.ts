import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { addReviewColumns } from '../../review/migration.ts';
import type { BulletinStatus } from '../../review/schema.ts';
import { migrateToLatest, openDatabase, type Db } from '../database.ts';
import { migrations } from './index.ts';

const at = '2021-01-15T04:00:00.000Z';
const review = {
  version: 2,
  created_at: at,
  created_by: null,
  submitted_at: at,
  submitted_by: null,
  reviewed_at: at,
  reviewed_by: null,
  review_comment: null,
  published_at: at,
  published_by: null,
};

/** A step of bulletin b1's first revision, taken by the system. */
async function recordTransition(db: Db, from: BulletinStatus | null, to: BulletinStatus): Promise<void> {
  await db
    .insertInto('bulletin_transition')
    .values({
      bulletin_id: 'b1',
      revision: 1,
      from_status: from,
      to_status: to,
      at,
      actor_id: null,
      actor_name: '系统',
      comment: null,
      publish_at: null,
    })
    .execute();
}

/** A database as 0004 left it, with a row in every table whose status gets a CHECK. */
async function before0005(): Promise<Db> {
  const db = openDatabase(':memory:');
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0004-figures-followups');
  expect(error).toBeUndefined();
  await db
    .insertInto('district')
    .values({ code: '130109', name: '藁城区', short_name: '藁城', kind: 'district', sort_order: 1, note: null })
    .execute();
  await db
    .insertInto('report')
    .values({
      id: 'r1',
      period_start: '2021-01-14T16:00:00.000Z',
      period_end: '2021-01-15T04:00:00.000Z',
      new_confirmed: 48,
      new_asymptomatic: 10,
      reclassified_confirmed: null,
      new_discharged: null,
      new_deaths: null,
      cumulative_confirmed: 579,
      cumulative_asymptomatic: 213,
      under_treatment: null,
      under_observation: null,
      reconciliation_note: null,
      source: null,
      reconciliation_json: null,
      status: 'published',
      ...review,
    })
    .execute();
  await db
    .insertInto('report_district')
    .values({
      report_id: 'r1',
      district_code: '130109',
      new_confirmed: 40,
      new_asymptomatic: 8,
      cumulative_confirmed: null,
      cumulative_asymptomatic: null,
    })
    .execute();
  await db
    .insertInto('testing_round')
    .values({
      id: 't1',
      number: 2,
      started_at: null,
      completed_at: null,
      collection_points: null,
      people_sampled: null,
      people_tested: 10,
      positives: 1,
      summary: null,
      status: 'returned',
      ...review,
      // The columns of 0004; the typed schema is today's.
    } as never)
    .execute();
  await db
    .insertInto('testing_round_district')
    .values({ round_id: 't1', district_code: '130109', people_tested: 5, positives: 1, no_spread: 0 })
    .execute();
  await db
    .insertInto('isolation_snapshot')
    .values({
      id: 's1',
      as_of: at,
      sites: 1,
      rooms: 2,
      people: 3,
      close_contacts: null,
      secondary_contacts: null,
      status: 'in_review',
      ...review,
    })
    .execute();
  await db
    .insertInto('correction_request')
    .values({
      id: 'c1',
      entity_type: 'report',
      entity_id: 'r1',
      entity_version: 2,
      changes_json: '[]',
      reason: '复核',
      status: 'in_review',
      version: 1,
      prepared_at: at,
      prepared_by: null,
      reviewed_at: null,
      reviewed_by: null,
      review_comment: null,
    })
    .execute();
  await db
    .insertInto('bulletin')
    .values({
      id: 'b1',
      status: 'scheduled',
      current_revision: 1,
      published_revision: null,
      scheduled_at: at,
      first_published_at: null,
      published_at: null,
      withdrawn_at: null,
      withdrawn_reason: null,
      version: 3,
      created_at: at,
      created_by: null,
      updated_at: at,
      submitted_at: at,
      submitted_by: null,
      approved_at: at,
      approved_by: null,
      approved_revision: 1,
      review_comment: null,
    })
    .execute();
  await db
    .insertInto('bulletin_revision')
    .values({
      bulletin_id: 'b1',
      number: 1,
      title: '通告',
      issuer: '市政府',
      issued_on: '2021-01-15',
      category: 'notice',
      body_md: '正文',
      change_reason: null,
      created_at: at,
      created_by: null,
    })
    .execute();
  for (const [from, to] of [
    [null, 'draft'],
    ['draft', 'in_review'],
    ['in_review', 'scheduled'],
  ] as const) {
    await recordTransition(db, from, to);
  }
  await db
    .insertInto('isolation_facility')
    .values({
      id: 'f1',
      name: '黄庄公寓',
      location: '藁城区',
      rooms: 3000,
      room_area_m2: null,
      floor_area_m2: null,
      site_area_mu: null,
      construction_started_on: null,
      opened_on: null,
      status: 'in_use',
      description: null,
      version: 1,
      created_at: at,
      created_by: null,
      published_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('press_conference')
    .values({
      id: 'p1',
      number: 1,
      held_on: '2021-01-06',
      starts_at: null,
      title: '第一场',
      summary: '摘要',
      status: 'published',
      version: 1,
      created_at: at,
      created_by: null,
      published_at: at,
      published_by: null,
      // The columns of 0004; the typed schema is today's.
    } as never)
    .execute();
  await db
    .insertInto('release')
    .values({
      id: 'rel1',
      status: 'live',
      reasons: '[]',
      requested_at: at,
      started_at: at,
      finished_at: at,
      error: null,
      path: null,
      code_version: null,
    })
    .execute();
  await db
    .insertInto('audit_entry')
    .values({
      at,
      actor_id: null,
      actor_name: '系统',
      action: 'report.approve',
      entity_type: 'report',
      entity_id: 'r1',
      before_json: null,
      after_json: null,
      reason: null,
    })
    .execute();
  return db;
}

const count = async (db: Db, table: string) =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);

const TABLES = [
  'press_conference',
  'report',
  'report_district',
  'testing_round',
  'testing_round_district',
  'isolation_snapshot',
  'correction_request',
  'bulletin',
  'bulletin_revision',
  'bulletin_transition',
  'isolation_facility',
  'release',
  'audit_entry',
];

describe('0005: status columns checked by the database', () => {
  it('keeps every row, child rows, indexes, triggers and foreign keys of the rebuilt tables', async () => {
    const db = await before0005();
    const counts = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(db, t)])));
    const indexes = (
      await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`.execute(db)
    ).rows;
    const before = await db.selectFrom('report').selectAll().executeTakeFirstOrThrow();

    const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(
      '0005-typed-states',
    );
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.migrationName)).toEqual(['0005-typed-states']);

    expect(Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(db, t)])))).toEqual(counts);
    expect(await db.selectFrom('report').selectAll().executeTakeFirstOrThrow()).toEqual(before);
    expect(await db.selectFrom('bulletin_transition').select(['id', 'from_status', 'to_status']).orderBy('id').execute()).toEqual([
      { id: 1, from_status: null, to_status: 'draft' },
      { id: 2, from_status: 'draft', to_status: 'in_review' },
      { id: 3, from_status: 'in_review', to_status: 'scheduled' },
    ]);
    expect(
      (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`.execute(db)).rows,
    ).toEqual(indexes);
    expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
    expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    // Children still cascade from the rebuilt parent, and the audit log is still append-only.
    await db.deleteFrom('testing_round').where('id', '=', 't1').execute();
    expect(await count(db, 'testing_round_district')).toBe(0);
    await expect(db.deleteFrom('audit_entry').execute()).rejects.toThrow(/append-only/);
    // A new transition continues the numbering.
    await recordTransition(db, 'scheduled', 'published');
    expect(
      (
        await db
          .selectFrom('bulletin_transition')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id,
    ).toBe(4);
  });

  it('refuses a status outside each column’s states', async () => {
    const db = await before0005();
    await migrateToLatest(db);
    const refused = async (statement: { execute(): Promise<unknown> }) =>
      expect(statement.execute()).rejects.toThrow(/CHECK constraint failed/);
    await refused(
      db
        .updateTable('report')
        .set({ status: 'draft' as never })
        .where('id', '=', 'r1'),
    );
    await refused(db.updateTable('testing_round').set({ status: 'approved' as never }));
    await refused(db.updateTable('isolation_snapshot').set({ status: 'Published' as never }));
    await refused(db.updateTable('correction_request').set({ status: 'published' as never }));
    await refused(db.updateTable('correction_request').set({ entity_type: 'bulletin' as never }));
    await refused(db.updateTable('bulletin').set({ status: 'returned' as never }));
    await refused(db.updateTable('bulletin_transition').set({ to_status: 'returned' as never }));
    await refused(db.updateTable('bulletin_transition').set({ from_status: '' as never }));
    await refused(db.updateTable('isolation_facility').set({ status: 'open' as never }));
    await refused(db.updateTable('press_conference').set({ status: 'draft' as never }));
    await refused(db.updateTable('release').set({ status: 'done' as never }));
    // The values in use are accepted.
    await db.updateTable('report').set({ status: 'returned' }).where('id', '=', 'r1').execute();
    expect((await db.selectFrom('report').select('status').executeTakeFirstOrThrow()).status).toBe('returned');
  });

  it('refuses to migrate a table holding a status it does not know, naming it, and changes nothing', async () => {
    const db = await before0005();
    await db
      .updateTable('release')
      .set({ status: 'paused' as never })
      .execute();
    await expect(migrateToLatest(db)).rejects.toThrow("release.status holds 'paused'");
    expect(await count(db, 'report_district')).toBe(1);
    expect((await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'report'`.execute(db)).rows[0]!.sql).not.toMatch(/CHECK/);
    expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
  });

  it('gives a new reviewed kind its review columns with a checked status', async () => {
    const db = openDatabase(':memory:');
    await migrateToLatest(db);
    await addReviewColumns(
      db.schema.createTable('vaccination_round').addColumn('id', 'text', (c) => c.primaryKey()),
      ['in_review', 'returned', 'published'],
    ).execute();
    const row = { id: 'v1', ...review, status: 'in_review' };
    await sql`INSERT INTO vaccination_round (id, status, version, created_at, created_by, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment, published_at, published_by)
      VALUES (${row.id}, ${row.status}, ${row.version}, ${row.created_at}, ${null}, ${at}, ${null}, ${null}, ${null}, ${null}, ${null}, ${null})`.execute(
      db,
    );
    await expect(sql`UPDATE vaccination_round SET status = 'draft'`.execute(db)).rejects.toThrow(/CHECK constraint failed/);
  });
});
