import { sql, type Kysely } from 'kysely';
import { rebuildingTables } from './table-rebuild.ts';

// Frozen once landed. Press conferences of more than one body: the city's and the province's are
// numbered separately, and some were not numbered at all. A conference now names its issuing level
// and body; its number is optional and unique only within that body; its public address is a slug
// (`city-12`, `province-2`, `city-2021-01-20`) kept stable across edits, with the addresses it had
// before kept as aliases that redirect. Conferences entered before this were the home city's own,
// numbered in the city's series; their old addresses (`/press-conferences/12/`) become aliases.

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildingTables(db, '0011', async (tx) => {
    const city = await sql<{ name: string }>`
        SELECT d.name FROM division d
        WHERE d.code = COALESCE((SELECT value FROM setting WHERE key = 'division.home_city'), '1301')
      `.execute(tx);
    const issuer = `${city.rows[0]?.name ?? '石家庄市'}人民政府新闻办公室`;
    await sql`
        CREATE TABLE press_conference__rebuilt (
          id text PRIMARY KEY,
          issuer_level text NOT NULL CONSTRAINT press_conference_issuer_level_check CHECK (issuer_level IN ('municipal', 'provincial', 'other')),
          issuer text NOT NULL,
          number integer CONSTRAINT press_conference_number_check CHECK (number IS NULL OR number >= 1),
          slug text NOT NULL UNIQUE,
          held_on text NOT NULL,
          starts_at text,
          title text NOT NULL,
          summary text NOT NULL,
          status text NOT NULL CONSTRAINT press_conference_status_check CHECK (status IN ('published')),
          version integer NOT NULL,
          created_at text NOT NULL,
          created_by text REFERENCES app_user(id),
          published_at text,
          published_by text REFERENCES app_user(id)
        )
      `.execute(tx);
    await sql`
        INSERT INTO press_conference__rebuilt
          (id, issuer_level, issuer, number, slug, held_on, starts_at, title, summary, status, version, created_at, created_by, published_at, published_by)
        SELECT id, 'municipal', ${issuer}, number, 'city-' || number, held_on, starts_at, title, summary, status, version, created_at, created_by, published_at, published_by
        FROM press_conference
      `.execute(tx);
    await sql`DROP TABLE press_conference`.execute(tx);
    await sql`ALTER TABLE press_conference__rebuilt RENAME TO press_conference`.execute(tx);
    // One number per body; unnumbered conferences are many.
    await sql`
        CREATE UNIQUE INDEX press_conference_number_unique ON press_conference (issuer_level, issuer, number) WHERE number IS NOT NULL
      `.execute(tx);
    await sql`CREATE INDEX press_conference_held ON press_conference (held_on, starts_at)`.execute(tx);
    await tx.schema
      .createTable('press_conference_alias')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('conference_id', 'text', (c) => c.notNull().references('press_conference.id').onDelete('cascade'))
      .execute();
    await sql`INSERT INTO press_conference_alias (slug, conference_id) SELECT CAST(number AS text), id FROM press_conference`.execute(tx);
  });
}

export async function down(): Promise<void> {
  throw new Error('0011-press-conference-issuers is not reversible');
}
