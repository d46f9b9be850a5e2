import {
  ensureReferenceData,
  isEmpty,
  loadDemoData,
  migrateToLatest,
  openDatabase,
  PermissionError,
  activeUser,
  actorOf,
  type Actor,
  type Db,
  type Role,
} from '@epi/core/server';
import type { CliConfig } from './config.ts';
import { line, UsageError, type Io } from './io.ts';

export type OptionSpec = {
  type: 'string' | 'boolean';
  description: string;
  value?: string;
  required?: boolean;
  /** May be given more than once: its value is then a list. */
  multiple?: boolean;
};

/** One command: its help, its options and what it does. */
export interface Command {
  /** The words that name it: 'zones import'. */
  name: string;
  /** Positional arguments, in order ('FILE'); all required. */
  args: string[];
  options: Record<string, OptionSpec>;
  summary: string;
  /** More lines of help after the options. */
  details: string[];
  run: (call: CommandCall) => Promise<number>;
}

export interface CommandCall {
  io: Io;
  config: CliConfig;
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  args: string[];
  /** The database, created and migrated on first use, with reference data (and demo data in demo mode). */
  db: () => Promise<Db>;
}

export const USER_OPTION: OptionSpec = {
  type: 'string',
  value: 'USERNAME',
  description: 'act as this active account (recorded in the audit log); demo accounts only with EPI_DEMO=1',
};
/** What a command that changes the public site says of it, in its help and after it ran. */
export const SITE_RECORDED_HELP =
  'The change is recorded for the public site: a running console publishes it within seconds; without one, run `epi publish`.';
export const SITE_RECORDED = 'Recorded for the public site: a running console publishes it, else run `epi publish`.';
export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'print the result as JSON on standard output' };

/** Opens the database as the admin console does at start: migrations, reference data, demo data only in demo mode on an empty database. */
export async function openSystem(config: CliConfig, io: Io): Promise<Db> {
  const db = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) line(io.stderr, `epi: database ${config.databaseUrl.replace(/^sqlite:/, '')} migrated: ${applied.join(', ')}`);
    await ensureReferenceData(db);
    if (config.demoMode && (await isEmpty(db))) {
      await loadDemoData(db, { outbreak: config.demoData === 'outbreak' });
      line(io.stderr, `epi: demo data loaded (${config.demoData})`);
    }
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * The account named by --user, checked like a signed-in user: active, a demo account only in demo
 * mode, and holding one of the roles the console requires for the same action.
 */
export async function actingUser(
  db: Db,
  config: CliConfig,
  username: string | undefined,
  roles: readonly Role[],
  command: string,
): Promise<Actor> {
  if (!username) throw new UsageError('--user USERNAME is required: the audit log records who made the change', command);
  const user = await activeUser(db, username, { demoMode: config.demoMode });
  if (!user) {
    throw new UsageError(
      `--user ${username}: no active account of that name${config.demoMode ? '' : ' (demo accounts only with EPI_DEMO=1)'}`,
      command,
    );
  }
  if (!roles.includes(user.role)) {
    throw new PermissionError(`${user.username} (${user.role}) may not do this: it needs the role ${roles.join(' or ')}`);
  }
  return actorOf(user);
}
