import { sql, type Kysely } from 'kysely';

// Frozen once landed: later schema changes go in new numbered migrations.
// Instants are ISO 8601 UTC text (sortable, portable between SQLite and PostgreSQL);
// calendar dates are 'YYYY-MM-DD' text in Asia/Shanghai.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('district')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the cookie token, never the token
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('audit_entry')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_entry').columns(['entity_type', 'entity_id']).execute();
  // The audit log is append-only: the database itself refuses edits and deletions.
  await sql`CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END`.execute(
    db,
  );

  await db.schema
    .createTable('correction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('correction_entity_idx').on('correction').columns(['entity_type', 'entity_id']).execute();

  // Zones: the level scheme is data; a zone's state is the fold of its events.
  await db.schema
    .createTable('level_scheme')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('zone_level')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('level_scheme.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addUniqueConstraint('zone_level_scheme_code_uq', ['scheme_id', 'code'])
    .execute();

  await db.schema
    .createTable('zone')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_code', 'text', (c) => c.notNull().references('district.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('zone_district_name_uq', ['district_code', 'name'])
    .execute();

  await db.schema
    .createTable('zone_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zone.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('level_id', 'text', (c) => c.references('zone_level.id'))
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('planned_end_at', 'text')
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('zone_event_zone_seq_uq', ['zone_id', 'seq'])
    .execute();
  await db.schema.createIndex('zone_event_effective_idx').on('zone_event').column('effective_at').execute();

  // Figures. status: draft | in_review | published (review arrives with the figures workflow).
  await db.schema
    .createTable('report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('new_confirmed', 'integer', (c) => c.notNull())
    .addColumn('new_asymptomatic', 'integer', (c) => c.notNull())
    .addColumn('reclassified_confirmed', 'integer')
    .addColumn('new_discharged', 'integer')
    .addColumn('new_deaths', 'integer')
    .addColumn('cumulative_confirmed', 'integer', (c) => c.notNull())
    .addColumn('cumulative_asymptomatic', 'integer', (c) => c.notNull())
    .addColumn('under_treatment', 'integer')
    .addColumn('under_observation', 'integer')
    .addColumn('reconciliation_note', 'text')
    .addColumn('source', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('report_period_idx').on('report').columns(['period_start', 'period_end']).execute();
  await db.schema
    .createTable('report_district')
    .addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
    .addColumn('district_code', 'text', (c) => c.notNull().references('district.code'))
    .addColumn('new_confirmed', 'integer', (c) => c.notNull())
    .addColumn('new_asymptomatic', 'integer', (c) => c.notNull())
    .addColumn('cumulative_confirmed', 'integer')
    .addColumn('cumulative_asymptomatic', 'integer')
    .addPrimaryKeyConstraint('report_district_pk', ['report_id', 'district_code'])
    .execute();

  await db.schema
    .createTable('testing_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('collection_points', 'integer')
    .addColumn('people_sampled', 'integer')
    .addColumn('people_tested', 'integer', (c) => c.notNull())
    .addColumn('positives', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .createTable('testing_round_district')
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_round.id').onDelete('cascade'))
    .addColumn('district_code', 'text', (c) => c.notNull().references('district.code'))
    .addColumn('people_tested', 'integer')
    .addColumn('positives', 'integer')
    .addColumn('no_spread', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('testing_round_district_pk', ['round_id', 'district_code'])
    .execute();

  await db.schema
    .createTable('isolation_snapshot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('sites', 'integer', (c) => c.notNull())
    .addColumn('rooms', 'integer', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addColumn('close_contacts', 'integer')
    .addColumn('secondary_contacts', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .createTable('isolation_transfer')
    .addColumn('snapshot_id', 'text', (c) => c.notNull().references('isolation_snapshot.id').onDelete('cascade'))
    .addColumn('district_code', 'text', (c) => c.notNull().references('district.code'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('isolation_transfer_pk', ['snapshot_id', 'district_code'])
    .execute();
  await db.schema
    .createTable('isolation_facility')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('rooms', 'integer', (c) => c.notNull())
    .addColumn('room_area_m2', 'real')
    .addColumn('floor_area_m2', 'real')
    .addColumn('site_area_mu', 'real')
    .addColumn('construction_started_on', 'text')
    .addColumn('opened_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('press_conference')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .createTable('press_conference_person')
    .addColumn('conference_id', 'text', (c) => c.notNull().references('press_conference.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('organisation', 'text')
    .addPrimaryKeyConstraint('press_conference_person_pk', ['conference_id', 'seq'])
    .execute();
  await db.schema
    .createTable('press_conference_agency')
    .addColumn('conference_id', 'text', (c) => c.notNull().references('press_conference.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('press_conference_agency_pk', ['conference_id', 'seq'])
    .execute();
  await db.schema
    .createTable('press_conference_qa')
    .addColumn('conference_id', 'text', (c) => c.notNull().references('press_conference.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addPrimaryKeyConstraint('press_conference_qa_pk', ['conference_id', 'seq'])
    .execute();
  await db.schema
    .createTable('press_conference_link')
    .addColumn('conference_id', 'text', (c) => c.notNull().references('press_conference.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('press_conference_link_pk', ['conference_id', 'entity_type', 'entity_id'])
    .execute();

  // Bulletins: every save is a revision; the bulletin row holds the workflow state.
  await db.schema
    .createTable('bulletin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_revision', 'integer', (c) => c.notNull())
    .addColumn('published_revision', 'integer')
    .addColumn('scheduled_at', 'text')
    .addColumn('first_published_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bulletin_revision')
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('change_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .addPrimaryKeyConstraint('bulletin_revision_pk', ['bulletin_id', 'number'])
    .execute();
  await db.schema
    .createTable('bulletin_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletin.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('app_user.id'))
    .execute();

  await db.schema
    .createTable('release')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | building | live | retired | failed
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addColumn('path', 'text')
    .addColumn('code_version', 'text')
    .execute();
  await db.schema.createIndex('release_requested_idx').on('release').column('requested_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('0001-initial is not reversible');
}
