// The audit log's signed heads. With every release the head of the chain (the last entry's id and
// hash, and how many entries there are) is signed with an Ed25519 key kept outside the database and
// appended to a file outside it. Whoever rewrites the database (drops the append-only trigger, edits
// or deletes entries, recomputes the chain, puts the trigger back) cannot make the chain agree with
// the heads already written without the key: `verifyAuditLog` names the first entry that differs.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Executor } from '../db/database.ts';
import { verifyChain, type ChainBreak } from './chain.ts';

/** Where the signing key and the heads are kept: outside the database, ideally on another disk or host. */
export interface AuditSealFiles {
  /** The Ed25519 private key (PKCS#8 PEM), made on first use, readable by its owner only. */
  keyFile: string;
  /** One signed head per line (JSON). */
  headsFile: string;
}

export interface AuditHead {
  /** The last entry's id and hash, and the number of entries up to it. */
  id: number;
  hash: string;
  count: number;
  at: string;
  /** The release it was written with. */
  release: string | null;
  /** Ed25519 over the canonical form of the fields above (base64). */
  signature: string;
}

const canonical = (h: Omit<AuditHead, 'signature'>) => JSON.stringify(['epi-audit-head-v1', h.id, h.hash, h.count, h.at, h.release]);

/** The Ed25519 private key in this file (PKCS#8 PEM), made there on first use, readable by its owner only. */
export function ed25519KeyAt(keyFile: string): KeyObject {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    const { privateKey: key } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(keyFile, 0o600);
  }
  return createPrivateKey(readFileSync(keyFile));
}

const privateKey = (files: AuditSealFiles): KeyObject => ed25519KeyAt(files.keyFile);

/** The public key that checks the heads (PEM), for whoever verifies without the private key. */
export function auditPublicKey(files: AuditSealFiles): string {
  return createPublicKey(privateKey(files)).export({ type: 'spki', format: 'pem' }).toString();
}

async function head(db: Executor): Promise<{ id: number; hash: string; count: number } | null> {
  const last = await db.selectFrom('audit_entry').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last || !last.hash) return null;
  const n = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { id: last.id, hash: last.hash, count: Number(n.n) };
}

/** Signs the chain's head now and appends it to the heads file; null when the log is empty. */
export async function sealAuditLog(
  db: Executor,
  files: AuditSealFiles,
  options: { now: Date; release?: string | null },
): Promise<AuditHead | null> {
  const key = privateKey(files);
  const h = await head(db);
  if (!h) return null;
  const unsigned = { ...h, at: options.now.toISOString(), release: options.release ?? null };
  const signed: AuditHead = { ...unsigned, signature: sign(null, Buffer.from(canonical(unsigned)), key).toString('base64') };
  mkdirSync(dirname(files.headsFile), { recursive: true });
  appendFileSync(files.headsFile, `${JSON.stringify(signed)}\n`);
  return signed;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose hash does not follow from its content and the one before it. */
  broken: ChainBreak | null;
  heads: number;
  /** Signed heads the log no longer agrees with (or whose signature fails), with why. */
  badHeads: Array<{ line: number; id: number; problem: string }>;
}

/**
 * Recomputes the chain over every entry, and checks every signed head: its signature, and that the
 * entry it names is still there with the same hash and the same number of entries up to it.
 */
export async function verifyAuditLog(db: Executor, files: AuditSealFiles): Promise<AuditVerification> {
  const rows = await db.selectFrom('audit_entry').selectAll().orderBy('id').execute();
  const chain = verifyChain(rows);
  const byId = new Map(rows.map((r, i) => [r.id, { hash: r.hash, position: i + 1 }]));
  const publicKey = createPublicKey(privateKey(files));
  const lines = existsSync(files.headsFile)
    ? readFileSync(files.headsFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
    : [];
  const badHeads: AuditVerification['badHeads'] = [];
  lines.forEach((text, i) => {
    let h: AuditHead;
    try {
      h = JSON.parse(text) as AuditHead;
    } catch {
      badHeads.push({ line: i + 1, id: 0, problem: '不是有效的 JSON' });
      return;
    }
    const { signature, ...unsigned } = h;
    if (!verify(null, Buffer.from(canonical(unsigned)), publicKey, Buffer.from(signature ?? '', 'base64'))) {
      badHeads.push({ line: i + 1, id: h.id, problem: '签名不符' });
      return;
    }
    const entry = byId.get(h.id);
    if (!entry) badHeads.push({ line: i + 1, id: h.id, problem: `第 ${h.id} 条记录已不存在` });
    else if (entry.hash !== h.hash) badHeads.push({ line: i + 1, id: h.id, problem: `第 ${h.id} 条记录的哈希与签名时不同` });
    else if (entry.position !== h.count) {
      badHeads.push({ line: i + 1, id: h.id, problem: `截至第 ${h.id} 条应有 ${h.count} 条记录，现有 ${entry.position} 条` });
    }
  });
  return { ok: !chain.broken && badHeads.length === 0, entries: rows.length, broken: chain.broken, heads: lines.length, badHeads };
}

/**
 * The files of a data folder: the heads beside the database, the key there too unless `keyFile`
 * (EPI_AUDIT_KEY_FILE) puts it elsewhere — which it should, where the database's writers cannot read it.
 */
export function auditSealFilesFor(dataDir: string, keyFile?: string): AuditSealFiles {
  return { keyFile: keyFile ?? join(dataDir, 'audit-signing-key.pem'), headsFile: join(dataDir, 'audit-heads.jsonl') };
}
