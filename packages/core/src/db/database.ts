import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Transaction } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { CHAIN_FUNCTION, chainHash } from '../audit/chain.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either a database handle or an open transaction: repository functions accept both. */
export type Executor = Db | Tx;

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/** Resolves EPI_DATABASE_URL-style values: `sqlite:relative/or/absolute.db`, a bare path, or `:memory:`. */
export function sqlitePathFromUrl(url: string): string {
  if (url === ':memory:' || url === 'sqlite::memory:') return ':memory:';
  if (url.startsWith('postgres:') || url.startsWith('postgresql:')) {
    throw new DatabaseUrlError('PostgreSQL is not supported yet; use a sqlite: URL or a file path');
  }
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (!path) throw new DatabaseUrlError('empty database path');
  return resolve(path);
}

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  const path = sqlitePathFromUrl(url);
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // The audit log's chain is computed by the database in the statement that appends an entry.
  sqlite.function(CHAIN_FUNCTION, { deterministic: true }, (previous: unknown, content: unknown) =>
    chainHash(typeof previous === 'string' ? previous : null, String(content)),
  );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  clients.set(db, sqlite);
  return db;
}

const clients = new WeakMap<Db, SQLite.Database>();

/** The SQLite connection under a database opened here, for a library that keeps its own table in it (the sign-in limiter). */
export function sqliteClientOf(db: Db): SQLite.Database {
  const client = clients.get(db);
  if (!client) throw new Error('not a database opened by openDatabase');
  return client;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** A consistent copy of the whole database at one moment, for building a release from. */
export async function snapshotDatabase(db: Db, targetPath: string): Promise<void> {
  mkdirSync(dirname(targetPath), { recursive: true });
  await sql`VACUUM INTO ${targetPath}`.execute(db);
}
