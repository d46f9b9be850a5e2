import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import { createHash } from 'node:crypto';
import { recordAudit, redactAuditEntries } from './audit.ts';
import { chainHash, entryContent, entryPayload, verifyChain } from './chain.ts';
import { auditPublicKey, sealAuditLog, verifyAuditLog, type AuditSealFiles } from './seal.ts';

const NOW = new Date('2021-01-15T12:00:00+08:00');

/** What someone with the database file can do: lift the append-only triggers, change rows, put them back. */
async function tamper(db: Db, change: (db: Db) => Promise<void>): Promise<void> {
  await sql`DROP TRIGGER audit_entry_no_update`.execute(db);
  await sql`DROP TRIGGER audit_entry_no_delete`.execute(db);
  await change(db);
  await sql`CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN SELECT RAISE(ABORT, 'append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN SELECT RAISE(ABORT, 'append-only'); END`.execute(db);
}

/** …and make the chain whole again over what they changed. */
async function rechain(db: Db): Promise<void> {
  let previous: string | null = null;
  for (const row of await db.selectFrom('audit_entry').selectAll().orderBy('id').execute()) {
    const digest =
      row.format === 2 && row.redacted_at === null ? createHash('sha256').update(entryPayload(row)).digest('hex') : row.content_digest;
    previous = chainHash(previous, entryContent({ ...row, content_digest: digest }));
    await db.updateTable('audit_entry').set({ hash: previous, content_digest: digest }).where('id', '=', row.id).execute();
  }
}

describe('the audit log, tamper-evident', () => {
  let db: Db;
  let dir: string;
  let files: AuditSealFiles;
  const log = (n: number, reason = '通告') =>
    recordAudit(db, SYSTEM_ACTOR, NOW, { action: 'zone.relevel', entityType: 'zone', entityId: `z${n}`, after: { n }, reason });

  beforeEach(async () => {
    db = openDatabase(':memory:');
    await migrateToLatest(db);
    dir = mkdtempSync(join(tmpdir(), 'epi-audit-'));
    files = { keyFile: join(dir, 'keys', 'audit.pem'), headsFile: join(dir, 'audit-heads.jsonl') };
    for (let i = 1; i <= 5; i += 1) await log(i);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains every entry to the one before it, as the database appends them', async () => {
    const rows = await db.selectFrom('audit_entry').selectAll().orderBy('id').execute();
    expect(verifyChain(rows)).toMatchObject({ broken: null, count: 5 });
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    // Concurrent appends, as two requests at once make them, still form one chain.
    await Promise.all(Array.from({ length: 20 }, (_, i) => log(100 + i)));
    expect(verifyChain(await db.selectFrom('audit_entry').selectAll().orderBy('id').execute()).broken).toBeNull();
  });

  it('signs the head with a key made on first use, readable by its owner only, and verifies clean', async () => {
    const head = await sealAuditLog(db, files, { now: NOW, release: 'r1' });
    expect(head).toMatchObject({ id: 5, count: 5, release: 'r1' });
    expect(statSync(files.keyFile).mode & 0o777).toBe(0o600);
    expect(auditPublicKey(files)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    await log(6);
    await sealAuditLog(db, files, { now: NOW, release: 'r2' });
    expect(await verifyAuditLog(db, files)).toEqual({ ok: true, entries: 6, broken: null, heads: 2, badHeads: [] });
  });

  it('names the entry edited behind the triggers', async () => {
    await sealAuditLog(db, files, { now: NOW });
    await tamper(db, (d) =>
      d
        .updateTable('audit_entry')
        .set({ reason: '改过的原因' })
        .where('entity_id', '=', 'z3')
        .execute()
        .then(() => {}),
    );
    const result = await verifyAuditLog(db, files);
    expect(result.ok).toBe(false);
    expect(result.broken?.id).toBe(3);
  });

  it('catches a rewritten history whose chain was recomputed: the signed head no longer agrees', async () => {
    await sealAuditLog(db, files, { now: NOW });
    await tamper(db, async (d) => {
      await d.updateTable('audit_entry').set({ reason: '改过的原因' }).where('entity_id', '=', 'z2').execute();
      await rechain(d);
    });
    const result = await verifyAuditLog(db, files);
    expect(result.broken).toBeNull();
    expect(result.badHeads).toEqual([{ line: 1, id: 5, problem: '第 5 条记录的哈希与签名时不同' }]);
  });

  it('catches entries deleted from the end, and a head forged without the key', async () => {
    await sealAuditLog(db, files, { now: NOW });
    await tamper(db, (d) =>
      d
        .deleteFrom('audit_entry')
        .where('id', '>=', 4)
        .execute()
        .then(() => {}),
    );
    expect((await verifyAuditLog(db, files)).badHeads).toEqual([{ line: 1, id: 5, problem: '第 5 条记录已不存在' }]);

    const forged = JSON.parse(readFileSync(files.headsFile, 'utf8').trim()) as { id: number; hash: string; count: number };
    const last = await db.selectFrom('audit_entry').select(['id', 'hash']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    writeFileSync(files.headsFile, `${JSON.stringify({ ...forged, id: last.id, hash: last.hash, count: 3 })}\n`);
    expect((await verifyAuditLog(db, files)).badHeads).toEqual([{ line: 1, id: 3, problem: '签名不符' }]);
  });

  it('names an entry whose text was edited under the digest its hash covers', async () => {
    await tamper(db, (d) =>
      d
        .updateTable('audit_entry')
        .set({ after_json: '{"n":99}' })
        .where('entity_id', '=', 'z2')
        .execute()
        .then(() => {}),
    );
    const result = await verifyAuditLog(db, files);
    expect(result.ok).toBe(false);
    expect(result.broken).toMatchObject({ id: 2, problem: 'text does not match its digest' });
  });

  it('lets a takedown delete what entries say and keeps the chain and every signed head whole; nothing else may change', async () => {
    await sealAuditLog(db, files, { now: NOW, release: 'r1' });
    expect(await redactAuditEntries(db, NOW, { entityType: 'zone', entityId: 'z2', except: [] })).toEqual({ redacted: 1, kept: 0 });
    const row = await db.selectFrom('audit_entry').selectAll().where('entity_id', '=', 'z2').executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      before_json: null,
      after_json: null,
      reason: null,
      redacted_at: NOW.toISOString(),
      action: 'zone.relevel',
    });
    expect(await verifyAuditLog(db, files)).toMatchObject({ ok: true, broken: null, badHeads: [] });
    // Deleted once; the rest of the row, and every other row, stays as it is.
    await expect(sql`UPDATE audit_entry SET reason = 'x' WHERE entity_id = 'z3'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_entry SET redacted_at = 'x' WHERE entity_id = 'z2'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      sql`UPDATE audit_entry SET before_json = NULL, after_json = NULL, reason = NULL, redacted_at = 'x', action = 'other' WHERE entity_id = 'z3'`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_entry WHERE entity_id = 'z2'`.execute(db)).rejects.toThrow(/append-only/);
    // A redaction mark put on behind the triggers, over text that is still there, is named.
    await tamper(db, (d) =>
      d
        .updateTable('audit_entry')
        .set({ redacted_at: NOW.toISOString() })
        .where('entity_id', '=', 'z4')
        .execute()
        .then(() => {}),
    );
    expect((await verifyAuditLog(db, files)).broken).toMatchObject({ id: 4, problem: expect.stringContaining('still has text') });
  });

  it('chains the entries written before the chain existed (migration 0020)', async () => {
    const old = openDatabase(':memory:');
    const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0019-binding-reviews')).error).toBeUndefined();
    for (const n of [1, 2, 3]) {
      await sql`INSERT INTO audit_entry (at, actor_name, action, entity_type, entity_id, reason) VALUES (${NOW.toISOString()}, '系统', 'x', 'zone', ${`z${n}`}, ${n === 1 ? '旧的原因' : null})`.execute(
        old,
      );
    }
    await migrateToLatest(old);
    await recordAudit(old, SYSTEM_ACTOR, NOW, { action: 'y', entityType: 'zone', entityId: 'z4' });
    expect(verifyChain(await old.selectFrom('audit_entry').selectAll().orderBy('id').execute())).toMatchObject({ broken: null, count: 4 });
    await expect(sql`UPDATE audit_entry SET reason = 'x'`.execute(old)).rejects.toThrow(/append-only/);
    // Written before 0024, their hashes cover their text: a takedown cannot delete it, and says so.
    await recordAudit(old, SYSTEM_ACTOR, NOW, { action: 'z', entityType: 'zone', entityId: 'z1', reason: '新的原因' });
    expect(await redactAuditEntries(old, NOW, { entityType: 'zone', entityId: 'z1', except: [] })).toEqual({ redacted: 1, kept: 1 });
    const z1 = await old.selectFrom('audit_entry').select(['format', 'reason']).where('entity_id', '=', 'z1').orderBy('id').execute();
    expect(z1).toEqual([
      { format: 1, reason: '旧的原因' },
      { format: 2, reason: null },
    ]);
    expect(verifyChain(await old.selectFrom('audit_entry').selectAll().orderBy('id').execute()).broken).toBeNull();
    await old.destroy();
  });
});
