import { sql, type Kysely } from 'kysely';
import { rebuildingTables } from './table-rebuild.ts';

// Frozen once landed. Isolation was published a figure at a time: 「已集中隔离11708人，启用隔离场所
// 120个」 with no rooms, a district's transfers alone at another hour. A snapshot's sites, rooms and
// people are each stated or not (null: "not stated", never 0), as report figures are; what a snapshot
// must state at least (one figure or one district's transfers) is checked when it is entered.

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildingTables(db, '0017', async (tx) => {
    await sql`
      CREATE TABLE isolation_snapshot__rebuilt (
        "id" text primary key,
        "as_of" text not null,
        "sites" integer,
        "rooms" integer,
        "people" integer,
        "close_contacts" integer,
        "secondary_contacts" integer,
        "status" text not null,
        "version" integer not null,
        "created_at" text not null,
        "created_by" text references "app_user" ("id"),
        "published_at" text,
        "published_by" text references "app_user" ("id"),
        "submitted_at" text,
        "submitted_by" text references "app_user" ("id"),
        "reviewed_at" text,
        "reviewed_by" text references "app_user" ("id"),
        "review_comment" text,
        CONSTRAINT "isolation_snapshot_status_check" CHECK ("status" IN ('in_review', 'returned', 'published'))
      )
    `.execute(tx);
    await sql`INSERT INTO isolation_snapshot__rebuilt SELECT
        id, as_of, sites, rooms, people, close_contacts, secondary_contacts, status, version, created_at, created_by,
        published_at, published_by, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment
      FROM isolation_snapshot`.execute(tx);
    await sql`DROP TABLE isolation_snapshot`.execute(tx);
    await sql`ALTER TABLE isolation_snapshot__rebuilt RENAME TO isolation_snapshot`.execute(tx);
    await sql`CREATE INDEX "isolation_snapshot_status_idx" on "isolation_snapshot" ("status")`.execute(tx);
  });
}

export async function down(): Promise<void> {
  throw new Error('0017-isolation-stated is not reversible');
}
