import type { Executor } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { CHAIN_FUNCTION, entryContent, entryPayload, payloadDigest, type ChainedFields } from './chain-format.ts';

export type { AuditEntry, AuditInput } from './types.ts';
import type { AuditEntry, AuditInput } from './types.ts';

/** Appends to the audit log. Call it inside the transaction of the change it describes. */
export async function recordAudit(db: Executor, actor: Actor, now: Date, entry: AuditInput): Promise<void> {
  const said = {
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
  };
  const fields: ChainedFields = {
    at: now.toISOString(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    ...said,
    format: 2,
    content_digest: await payloadDigest(entryPayload(said)),
  };
  // The hash of the last entry is read in the same statement that appends this one.
  await db
    .insertInto('audit_entry')
    .values((eb) => ({
      ...fields,
      hash: eb.fn<string>(CHAIN_FUNCTION, [
        eb.selectFrom('audit_entry').select('hash').orderBy('id', 'desc').limit(1),
        eb.val(entryContent(fields)),
      ]),
    }))
    .execute();
}

/**
 * The audit entry of a step on one item of a kind whose actions are named by its prefix
 * ('report' → 'report.approve') and whose entity type is its table.
 */
export function recordStepAudit(
  db: Executor,
  ctx: { actor: Actor; now: Date },
  kind: { auditPrefix: string; table: string },
  step: string,
  entityId: string,
  entry: Pick<AuditInput, 'before' | 'after' | 'reason'>,
): Promise<void> {
  return recordAudit(db, ctx.actor, ctx.now, { action: `${kind.auditPrefix}.${step}`, entityType: kind.table, entityId, ...entry });
}

export async function listAudit(
  db: Executor,
  filter: { entityType?: string; entityId?: string; actions?: readonly string[]; limit?: number } = {},
): Promise<AuditEntry[]> {
  let q = db
    .selectFrom('audit_entry')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actions?.length === 0) return [];
  if (filter.actions) q = q.where('action', 'in', filter.actions);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
    reason: r.reason,
    redactedAt: r.redacted_at,
  }));
}

/**
 * Deletes what the entries about one item say (before, after, reason), keeping who did what and when:
 * for a takedown of personal data. Entries of format 2 keep their place in the chain by their digest;
 * entries of format 1 (written before that format) cannot lose their text without breaking the chain
 * and are counted as kept. `except`: actions whose words stay (the takedown's own, with its public reason).
 */
export async function redactAuditEntries(
  db: Executor,
  now: Date,
  target: { entityType: string; entityId: string; except: readonly string[] },
): Promise<{ redacted: number; kept: number }> {
  const about = db
    .selectFrom('audit_entry')
    .where('entity_type', '=', target.entityType)
    .where('entity_id', '=', target.entityId)
    .where('redacted_at', 'is', null)
    .where((eb) => eb.or([eb('before_json', 'is not', null), eb('after_json', 'is not', null), eb('reason', 'is not', null)]));
  const scoped = target.except.length > 0 ? about.where('action', 'not in', target.except) : about;
  const rows = await scoped.select(['id', 'format']).execute();
  const ids = rows.filter((r) => r.format === 2).map((r) => r.id);
  if (ids.length > 0) {
    await db
      .updateTable('audit_entry')
      .set({ before_json: null, after_json: null, reason: null, redacted_at: now.toISOString() })
      .where('id', 'in', ids)
      .execute();
  }
  return { redacted: ids.length, kept: rows.length - ids.length };
}
