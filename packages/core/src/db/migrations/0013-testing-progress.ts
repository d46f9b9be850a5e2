import { sql, type Kysely } from 'kysely';
import { rebuildingTables } from './table-rebuild.ts';

// Frozen once landed. A testing round is published while it is still going on, as dated progress
// figures (截至1月13日12时: collection points, people sampled, samples sent for testing, results
// out, positives so far), and once more with its final figures when it ends. A row is now one
// statement of a round: its number, the moment its figures stand at (`as_of`), and whether the
// round had ended (`stage`). A number has many rows, but one final statement at most, and one per
// moment. The tested and positive counts may be not stated while the round goes on; a final
// statement may give no moment (its figures are the round's, whenever it ended). Rounds entered
// before were entered as whole rounds: they are final, and stand at their completion time if given.

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildingTables(db, '0013', async (tx) => {
    await sql`
        CREATE TABLE testing_round__rebuilt (
          id text PRIMARY KEY,
          number integer NOT NULL CONSTRAINT testing_round_number_check CHECK (number >= 1),
          stage text NOT NULL CONSTRAINT testing_round_stage_check CHECK (stage IN ('in_progress', 'final')),
          as_of text,
          started_at text,
          completed_at text,
          collection_points integer,
          people_sampled integer,
          people_sent integer,
          results_out integer,
          people_tested integer,
          positives integer,
          summary text,
          status text NOT NULL CONSTRAINT testing_round_status_check CHECK (status IN ('in_review', 'returned', 'published')),
          version integer NOT NULL,
          created_at text NOT NULL,
          created_by text REFERENCES app_user (id),
          published_at text,
          published_by text REFERENCES app_user (id),
          submitted_at text,
          submitted_by text REFERENCES app_user (id),
          reviewed_at text,
          reviewed_by text REFERENCES app_user (id),
          review_comment text
        )
      `.execute(tx);
    await sql`
        INSERT INTO testing_round__rebuilt
          (id, number, stage, as_of, started_at, completed_at, collection_points, people_sampled, people_sent, results_out,
           people_tested, positives, summary, status, version, created_at, created_by, published_at, published_by,
           submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment)
        SELECT id, number, 'final',
          completed_at, started_at, completed_at, collection_points, people_sampled, NULL, NULL,
          people_tested, positives, summary, status, version, created_at, created_by, published_at, published_by,
          submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment
        FROM testing_round
      `.execute(tx);
    await sql`DROP TABLE testing_round`.execute(tx);
    await sql`ALTER TABLE testing_round__rebuilt RENAME TO testing_round`.execute(tx);
    await sql`CREATE INDEX testing_round_status_idx ON testing_round (status)`.execute(tx);
    await sql`CREATE UNIQUE INDEX testing_round_moment ON testing_round (number, as_of)`.execute(tx);
    await sql`CREATE UNIQUE INDEX testing_round_final ON testing_round (number) WHERE stage = 'final'`.execute(tx);
  });
}

export async function down(): Promise<void> {
  throw new Error('0013-testing-progress is not reversible');
}
