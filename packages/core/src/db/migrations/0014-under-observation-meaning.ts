import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen once landed. A report's `under_observation` meant "people under medical observation"
// (医学观察, close contacts among them) until 0012 made it the asymptomatic cases under medical
// observation (现有无症状). A value written before 0012 was applied has the old meaning and is not a
// count of asymptomatic cases: it is taken out (NULL, "not stated"), never shown under the new name.
// A published report shows the change as a correction with its reason; every change is in the audit
// log. A value written or corrected after 0012 was applied has the new meaning and is kept.

const REASON =
  '统计口径调整：此项原为“医学观察”人数（含密切接触者等），现仅指尚在医学观察的无症状感染者（现有无症状）；原数字不属于此项，已移出，改为未公布';

export async function up(db: Kysely<any>): Promise<void> {
  const applied = await sql<{ timestamp: string }>`SELECT timestamp FROM kysely_migration WHERE name = '0012-stated-figures'`.execute(db);
  const since = applied.rows[0]?.timestamp;
  if (!since) return;
  const rows = await db
    .selectFrom('report')
    .select(['id', 'status', 'version', 'under_observation', 'created_at', 'submitted_at', 'reviewed_at', 'published_at'])
    .where('under_observation', 'is not', null)
    .execute();
  const now = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    for (const r of rows) {
      const written = [r.created_at, r.submitted_at, r.reviewed_at, r.published_at].filter((t): t is string => t !== null);
      if (written.some((t) => t >= since)) continue;
      const corrected = await tx
        .selectFrom('correction')
        .select('id')
        .where('entity_type', '=', 'report')
        .where('entity_id', '=', r.id)
        .where('field', '=', 'underObservation')
        .where('corrected_at', '>=', since)
        .executeTakeFirst();
      if (corrected) continue;
      await tx
        .updateTable('report')
        .set({ under_observation: null, version: r.version + 1 })
        .where('id', '=', r.id)
        .execute();
      if (r.status === 'published') {
        await tx
          .insertInto('correction')
          .values({
            id: randomUUID(),
            entity_type: 'report',
            entity_id: r.id,
            field: 'underObservation',
            old_value: String(r.under_observation),
            new_value: null,
            reason: REASON,
            corrected_at: now,
            corrected_by: null,
          })
          .execute();
      }
      await tx
        .insertInto('audit_entry')
        .values({
          at: now,
          actor_id: null,
          actor_name: '系统（数据库升级 0014）',
          action: 'report.figure-meaning',
          entity_type: 'report',
          entity_id: r.id,
          before_json: JSON.stringify({ underObservation: r.under_observation }),
          after_json: JSON.stringify({ underObservation: null }),
          reason: REASON,
        })
        .execute();
    }
  });
}

export async function down(): Promise<void> {
  throw new Error('0014-under-observation-meaning is not reversible');
}
