// The public transparency log: every change the public site has shown, in the order it was made
// (zone changes, figures and their corrections, conferences, bulletin revisions, withdrawals and
// takedowns, each a `site_change` recorded in the change's own transaction). With every release the
// publisher writes the whole log into the release as static files under /log/: the tiles and entry
// bundles of C2SP tlog-tiles, a checkpoint signed with an Ed25519 key kept outside the database, and
// the verifier key. Anyone can fetch them and check, with `epi log verify`, that the tree they saw
// before is the start of the tree now (nothing rewritten or removed) and that what they see is in it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Executor } from '../db/database.ts';
import { ed25519KeyAt } from '../audit/seal.ts';
import { entryBundles, leafHash, rootOf, tiles } from './merkle.ts';
import { signCheckpoint, verifierKey, type Checkpoint } from './note.ts';

export interface TransparencyLogOptions {
  /** The Ed25519 key that signs checkpoints (PKCS#8 PEM), made on first use. */
  keyFile: string;
  /** The log's name and origin line: the portal's host and '/log' ('yq.example.gov.cn/log'). */
  name: string;
}

/** One entry: a change the public site showed. */
export interface LogEntry {
  change: number;
  at: string;
  reason: string;
  path: string | null;
}

export const entryBytes = (e: LogEntry): Buffer => Buffer.from(JSON.stringify(e));

/** The log's entries: every site change up to `through`, oldest first, as the log may say them (no bulletin titles). */
export async function logEntries(db: Executor, through: number | null): Promise<LogEntry[]> {
  if (through === null) return [];
  const rows = await db
    .selectFrom('site_change')
    .select(['id', 'requested_at', 'reason', 'log_reason', 'path'])
    .where('id', '<=', through)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ change: r.id, at: r.requested_at, reason: r.log_reason ?? r.reason, path: r.path }));
}

/** Writes the log as files under `dir` (a release's log/ folder) and returns its signed checkpoint. */
export function writeTransparencyLog(dir: string, entries: readonly LogEntry[], options: TransparencyLogOptions): Checkpoint {
  const key = ed25519KeyAt(options.keyFile);
  const data = entries.map(entryBytes);
  const leaves = data.map(leafHash);
  const checkpoint: Checkpoint = { origin: options.name, size: leaves.length, root: rootOf(leaves) };
  const write = (path: string, content: Buffer | string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const file of [...tiles(leaves), ...entryBundles(data)]) write(file.path, file.content);
  write('checkpoint', signCheckpoint(checkpoint, options.name, key));
  write('key', `${verifierKey(options.name, key)}\n`);
  return checkpoint;
}

/** The log's verifier key, for the README and for auditors. */
export function transparencyLogKey(options: TransparencyLogOptions): string {
  return verifierKey(options.name, ed25519KeyAt(options.keyFile));
}

/** The log of a data folder and portal: named by the portal's host; its key in the data folder unless EPI_LOG_KEY_FILE says elsewhere. */
export function transparencyLogFor(dataDir: string, publicUrl: string, keyFile?: string): TransparencyLogOptions {
  return { keyFile: keyFile ?? join(dataDir, 'log-signing-key.pem'), name: `${new URL(publicUrl).host}/log` };
}
