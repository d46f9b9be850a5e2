// Backup and restore of the SQLite database. A backup is a consistent, compact copy taken while the
// system runs (SQLite's VACUUM INTO reads one snapshot: writes made meanwhile are either all in it
// or not at all), never a copy of the files, which loses what is still in the write-ahead log. A
// restore replaces the database with a checked backup, only while no console runs on it, and keeps
// the database it replaces beside it.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase, snapshotDatabase, sqlitePathFromUrl, type Db } from './database.ts';
import { migrations } from './migrations/index.ts';

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Every table and its rows, in a fixed order: what a backup and its restore must agree on. */
export async function tableContents(db: Db): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
  `.execute(db);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql.raw<Record<string, unknown>>(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY rowid`).execute(db);
    out[name] = rows.rows;
  }
  return out;
}

/** Writes a backup of the open database to `file` (which must not exist); the number of rows per table. */
export async function backupDatabase(db: Db, file: string): Promise<Record<string, number>> {
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name`);
  await snapshotDatabase(db, file);
  const copy = openDatabase(`sqlite:${file}`, { readonly: true });
  try {
    return Object.fromEntries(Object.entries(await tableContents(copy)).map(([t, rows]) => [t, rows.length]));
  } finally {
    await copy.destroy();
  }
}

/** The console's process id file in the data folder: written at start, removed at stop. */
export const consolePidFile = (dataDir: string) => join(dataDir, 'console.pid');

/** The process id of a console running on this data folder, or null. */
export function runningConsole(dataDir: string): number | null {
  const file = consolePidFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Checks that `file` is a sound backup of this system that this code can open: integrity, and no migration it does not know. */
async function checkBackup(file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`);
  let db: Db;
  try {
    db = openDatabase(`sqlite:${file}`, { readonly: true });
  } catch (error) {
    throw new BackupError(`${file} is not an SQLite database (${(error as Error).message})`);
  }
  try {
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db).catch((error: unknown) => {
      throw new BackupError(`${file} is not an SQLite database (${(error as Error).message})`);
    });
    if (integrity.rows[0]?.integrity_check !== 'ok')
      throw new BackupError(`${file} is damaged: ${integrity.rows.map((r) => r.integrity_check).join('; ')}`);
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db).catch(() => {
      throw new BackupError(`${file} is not a backup of this system (no migration table)`);
    });
    const unknown = applied.rows.map((r) => r.name).filter((n) => !(n in migrations));
    if (unknown.length > 0) throw new BackupError(`${file} comes from a newer version of this system (migrations ${unknown.join(', ')})`);
  } finally {
    await db.destroy();
  }
}

/**
 * Replaces the database of `url` with the backup `file`, refused while a console runs on `dataDir`.
 * The database replaced is kept as `<database>.before-restore-<time>`; the path of that copy, or
 * null when there was none. Migrations newer than the backup run at the next start.
 */
export async function restoreDatabase(url: string, file: string, dataDir: string, now: Date): Promise<string | null> {
  const pid = runningConsole(dataDir);
  if (pid !== null) throw new BackupError(`the console is running on this data folder (process ${pid}): stop it before restoring`);
  await checkBackup(file);
  const path = sqlitePathFromUrl(url);
  if (path === ':memory:') throw new BackupError('an in-memory database cannot be restored');
  let kept: string | null = null;
  if (existsSync(path)) {
    kept = `${path}.before-restore-${now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}`;
    const current = openDatabase(`sqlite:${path}`);
    try {
      await snapshotDatabase(current, kept);
    } finally {
      await current.destroy();
    }
  }
  // Copied next to the database first (VACUUM INTO makes a clean single file), then switched in with a rename.
  const incoming = join(dirname(path), `.restore-${process.pid}.sqlite`);
  rmSync(incoming, { force: true });
  const source = openDatabase(`sqlite:${file}`, { readonly: true });
  try {
    await snapshotDatabase(source, incoming);
  } finally {
    await source.destroy();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  renameSync(incoming, path);
  return kept;
}
